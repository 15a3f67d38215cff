import Testing

@testable import Spectator

@Suite("PercentileTimer")
struct PercentileTimerTests {
    @Test("timer statistics plus one T%04X bucket count per bucket hit")
    func statisticsAndBuckets() {
        let registry = Registry()
        let latency = registry.percentileTimer("latency", tags: ["endpoint": "users"])
        latency.record(.milliseconds(1))
        latency.record(.milliseconds(1))
        latency.record(.milliseconds(1))
        latency.record(.seconds(1))
        let measurements = registry.collect()
        #expect(
            measurements.values == [
                "latency,endpoint=users,statistic=count": 4,
                "latency,endpoint=users,statistic=totalTime": 1.003,
                "latency,endpoint=users,statistic=totalOfSquares": 1.000003,
                "latency,endpoint=users,statistic=max": 1,
                // 1 ms = 1 000 000 ns → bucket 86 (0x56); 1 s → bucket 131 (0x83), as PercentileBuckets.java indexes them.
                "latency,endpoint=users,percentile=T0056,statistic=percentile": 3,
                "latency,endpoint=users,percentile=T0083,statistic=percentile": 1,
            ]
        )
        #expect(measurements.kinds["latency,endpoint=users,percentile=T0056,statistic=percentile"] == .delta)
        let bucket = measurements.first { $0.percentile == "T0083" }!
        #expect(bucket.statistic == .percentile)
        #expect(registry.collect().isEmpty)
    }

    @Test("durations are clamped to 1 ns … 24 h before bucketing, as SpectatorD does")
    func clamping() {
        let registry = Registry()
        let latency = registry.percentileTimer("latency")
        latency.record(.zero)
        latency.record(.seconds(48 * 3600))
        latency.record(.seconds(Int64.max))
        let buckets = registry.collect().filter { $0.statistic == .percentile }.values
        let dayBucket = PercentileBuckets.timerTagValues[PercentileBuckets.index(of: 86_400_000_000_000)]
        #expect(
            buckets == [
                "latency,percentile=T0001,statistic=percentile": 1,
                "latency,percentile=\(dayBucket),statistic=percentile": 2,
            ]
        )
        #expect(dayBucket == "T00CC")  // 24 h = 8.64e13 ns < bucket 204 = 93 824 992 236 885
    }

    @Test("negative, NaN and infinite durations are ignored entirely")
    func ignored() {
        let registry = Registry()
        let latency = registry.percentileTimer("latency")
        latency.record(.milliseconds(-1))
        latency.record(seconds: .nan)
        latency.record(seconds: -.infinity)
        #expect(registry.collect().isEmpty)
    }
}
