import Testing

@testable import Spectator

@Suite("PercentileDistributionSummary")
struct PercentileDistributionSummaryTests {
    @Test("summary statistics plus one D%04X bucket count per bucket hit")
    func statisticsAndBuckets() {
        let registry = Registry()
        let sizes = registry.percentileDistributionSummary("response.size")
        sizes.record(87)
        sizes.record(87.9)
        sizes.record(0)
        let measurements = registry.collect()
        #expect(
            measurements.values == [
                "response.size,statistic=count": 3,
                "response.size,statistic=totalAmount": 174.9,
                "response.size,statistic=totalOfSquares": 87 * 87 + 87.9 * 87.9,
                "response.size,statistic=max": 87.9,
                // 87 and 87.9 (bucketed as 87) → bucket 25 (0x19), 0 → bucket 0, as PercentileBuckets.java indexes them.
                "response.size,percentile=D0019,statistic=percentile": 2,
                "response.size,percentile=D0000,statistic=percentile": 1,
            ]
        )
    }

    @Test("huge amounts land in the last bucket; negative and non-finite ones are ignored")
    func extremes() {
        let registry = Registry()
        let sizes = registry.percentileDistributionSummary("response.size")
        sizes.record(Double.greatestFiniteMagnitude)
        sizes.record(Int.max)
        sizes.record(-1)
        sizes.record(Double.nan)
        sizes.record(Double.infinity)
        let buckets = registry.collect().filter { $0.statistic == .percentile }.values
        #expect(buckets == ["response.size,percentile=D0113,statistic=percentile": 2])
    }
}
