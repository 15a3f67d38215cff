import Testing

@testable import Spectator

@Suite("DistributionSummary")
struct DistributionSummaryTests {
    @Test("count, totalAmount, totalOfSquares and max in the recorded unit")
    func statistics() {
        let registry = Registry()
        let sizes = registry.distributionSummary("response.size")
        sizes.record(3)
        sizes.record(5)
        sizes.record(1.5)
        sizes.record(0)
        let measurements = registry.collect()
        #expect(
            measurements.values == [
                "response.size,statistic=count": 4,
                "response.size,statistic=totalAmount": 9.5,
                "response.size,statistic=totalOfSquares": 36.25,
                "response.size,statistic=max": 5,
            ]
        )
        #expect(measurements.kinds["response.size,statistic=max"] == .max)
        #expect(measurements.kinds["response.size,statistic=totalAmount"] == .delta)
    }

    @Test("negative, NaN and infinite amounts are ignored")
    func ignoredAmounts() {
        let registry = Registry()
        let sizes = registry.distributionSummary("response.size")
        sizes.record(-1)
        sizes.record(-0.5)
        sizes.record(Double.nan)
        sizes.record(Double.infinity)
        sizes.record(-Double.infinity)
        sizes.record(Int.min)
        #expect(registry.collect().isEmpty)
    }

    @Test("sums that overflow a double saturate instead of reaching infinity")
    func saturation() {
        let registry = Registry()
        let sizes = registry.distributionSummary("huge")
        sizes.record(Double.greatestFiniteMagnitude)
        sizes.record(Double.greatestFiniteMagnitude)
        let values = registry.collect().values
        #expect(values["huge,statistic=totalAmount"] == .greatestFiniteMagnitude)
        #expect(values["huge,statistic=totalOfSquares"] == .greatestFiniteMagnitude)
        #expect(values["huge,statistic=max"] == .greatestFiniteMagnitude)
    }
}
