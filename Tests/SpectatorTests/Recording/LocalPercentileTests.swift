import Foundation
import Testing

@testable import Spectator

@Suite("Local percentiles and narrower ranges")
struct LocalPercentileTests {
    @Test("a timer with local percentiles reads back the last completed step and everything since creation")
    func readBack() throws {
        let registry = Registry()
        let latency = registry.percentileTimer("latency", localPercentiles: true)
        for milliseconds in 1...100 { latency.record(.milliseconds(milliseconds)) }
        #expect(latency.bucketCounts(over: .sinceCreation)?.reduce(0, +) == 0)
        _ = registry.collect()
        var expected = [UInt64](repeating: 0, count: PercentileBuckets.count)
        for milliseconds in 1...100 { expected[PercentileBuckets.index(of: Int64(milliseconds) * 1_000_000)] += 1 }
        #expect(latency.bucketCounts(over: .lastStep) == expected)
        let p50 = try #require(latency.percentile(50, over: .lastStep))
        #expect(p50 == .nanoseconds(Int64(PercentileBuckets.percentile(50, counts: expected))))
        #expect(p50 > .milliseconds(40) && p50 < .milliseconds(60))

        latency.record(.seconds(2))
        _ = registry.collect()
        #expect(latency.bucketCounts(over: .lastStep)?.reduce(0, +) == 1)
        #expect(latency.bucketCounts(over: .sinceCreation)?.reduce(0, +) == 101)
        #expect(registry.percentileTimer("plain").percentile(50, over: .sinceCreation) == nil)
    }

    @Test("percentiles outside 0…100, NaN and ±infinity read back clamped, never trap")
    func readBackBadPercentiles() throws {
        let registry = Registry()
        let latency = registry.percentileTimer("latency", localPercentiles: true)
        let sizes = registry.percentileDistributionSummary("sizes", localPercentiles: true)
        for milliseconds in 1...100 { latency.record(.milliseconds(milliseconds)) }
        for size in 1...1000 { sizes.record(size) }
        _ = registry.collect()
        let p0 = try #require(latency.percentile(0, over: .lastStep))
        let p100 = try #require(latency.percentile(100, over: .lastStep))
        for (asked, expected) in [(150.0, p100), (.infinity, p100), (-5, p0), (-.infinity, p0), (.nan, p0)] {
            #expect(latency.percentile(asked, over: .lastStep) == expected, "\(asked)")
        }
        let s0 = try #require(sizes.percentile(0, over: .sinceCreation))
        let s100 = try #require(sizes.percentile(100, over: .sinceCreation))
        #expect(sizes.percentile(150, over: .sinceCreation) == s100 && sizes.percentile(-5, over: .sinceCreation) == s0)
        #expect(sizes.percentile(.nan, over: .sinceCreation) == s0)
        #expect(s100 <= 1100)

        let huge = registry.percentileDistributionSummary("huge", localPercentiles: true)
        huge.record(Int.max)
        _ = registry.collect()
        #expect(huge.percentile(100, over: .lastStep) == Double(Int64.max))
    }

    @Test("a summary with local percentiles reads back too")
    func summaryReadBack() {
        let registry = Registry()
        let sizes = registry.percentileDistributionSummary("sizes", localPercentiles: true)
        for size in 1...1000 { sizes.record(size) }
        _ = registry.collect()
        let p90 = sizes.percentile(90, over: .sinceCreation) ?? 0
        #expect(p90 > 850 && p90 < 950)
    }

    @Test("a narrower range clamps values into it before bucketing; the totals keep the real values")
    func range() {
        let registry = Registry()
        let latency = registry.percentileTimer("latency", range: .milliseconds(10) ... .seconds(1))
        latency.record(.milliseconds(1))
        latency.record(.seconds(10))
        let values = registry.collect().values
        let low = PercentileBuckets.timerTagValues[PercentileBuckets.index(of: 10_000_000)]
        let high = PercentileBuckets.timerTagValues[PercentileBuckets.index(of: 1_000_000_000)]
        #expect(values["latency,percentile=\(low),statistic=percentile"] == 1)
        #expect(values["latency,percentile=\(high),statistic=percentile"] == 1)
        #expect(values["latency,statistic=totalTime"] == 10.001)
        #expect(latency.range == 10_000_000...1_000_000_000)

        let sizes = registry.percentileDistributionSummary("sizes", range: 100...200)
        sizes.record(5)
        let sizeValues = registry.collect().values
        let bucket = PercentileBuckets.distributionTagValues[PercentileBuckets.index(of: 100)]
        #expect(sizeValues["sizes,percentile=\(bucket),statistic=percentile"] == 1)
    }

    @Test("a range outside SpectatorD's 1 ns … 24 h is narrowed to it")
    func rangeBounds() {
        let registry = Registry()
        let timer = registry.percentileTimer("wide", range: .zero ... .seconds(10 * 86_400))
        #expect(timer.range == PercentileTimer.bucketedRange)
    }
}
