import Foundation
import Synchronization
import Testing

@testable import Spectator

/// The lines one step sends for `registry`, without the publisher's own.
private func stepLines(_ registry: Registry) -> [String] {
    let encoder = LineProtocolEncoder(commonTags: [])
    return registry.collect().map(encoder.line)
}

/// A SpectatorD `U` meter as spectatord's `monotonic_counter_uint.cc` counts: the first sample is the
/// baseline, each later one counts its difference from the previous sample, wrapping past `UInt64.max`.
private struct ReferenceUnsignedMonotonic {
    private var previous: UInt64?
    private(set) var total: Double = 0

    mutating func sample(_ value: UInt64) {
        if let previous { total += Double(value &- previous) }
        previous = value
    }
}

@Suite("LongTaskTimer")
struct LongTaskTimerTests {
    @Test("publishes running tasks and their summed running time as gauges; stop returns the task's duration")
    func tasks() {
        let clock = ManualClock()
        let registry = Registry(clock: clock)
        let timer = registry.longTaskTimer("db.migration")
        let first = timer.start()
        clock.advance(by: .seconds(1))
        _ = timer.start()
        clock.advance(by: .seconds(2))
        #expect(
            stepLines(registry) == ["g:db.migration,statistic=activeTasks:2", "g:db.migration,statistic=duration:5"]
        )
        #expect(timer.stop(first) == .seconds(3))
        clock.advance(by: .milliseconds(500))
        #expect(timer.activeTasks == 1)
        #expect(timer.duration == .milliseconds(2500))
        #expect(
            stepLines(registry) == ["g:db.migration,statistic=activeTasks:1", "g:db.migration,statistic=duration:2.5"]
        )
    }

    @Test("threads starting and stopping 100 000 tasks each leave no task and no duration behind")
    func concurrent() {
        let registry = Registry()
        let timer = registry.longTaskTimer("jobs")
        let collected = Atomic<Int>(0)
        let worker: @Sendable () -> Void = {
            for _ in 0..<100_000 { timer.stop(timer.start()) }
        }
        let collector: @Sendable () -> Void = {
            for _ in 0..<200 {
                _ = registry.collect()
                collected.wrappingAdd(1, ordering: .relaxed)
            }
        }
        runOnThreads([worker, worker, collector])
        #expect(timer.activeTasks == 0)
        #expect(timer.duration == .zero)
        #expect(collected.load(ordering: .relaxed) == 200)
    }
}

@Suite("AgeGauge")
struct AgeGaugeTests {
    @Test("line protocol sends the time of the last success as an A line; never set, nothing")
    func lines() {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_250)
        let registry = Registry(clock: clock)
        let age = registry.ageGauge("sync.sinceSuccess", tags: ["job": "users"])
        #expect(stepLines(registry).isEmpty)
        age.setNow()
        #expect(stepLines(registry) == ["A:sync.sinceSuccess,job=users,statistic=gauge:1700000000.25"])
        age.set(secondsSince1970: 1_600_000_000)
        age.set(secondsSince1970: .nan)
        age.set(secondsSince1970: -1)
        #expect(stepLines(registry) == ["A:sync.sinceSuccess,job=users,statistic=gauge:1600000000"])
    }

    @Test("HTTP outputs get the age in seconds at the step's timestamp, as a gauge")
    func atlas() throws {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let registry = Registry(clock: clock)
        registry.ageGauge("sync.sinceSuccess").setNow()
        let measurements = registry.collect().map { $0.asLevel(atMillis: 1_700_000_060_000) }
        #expect(measurements.values == ["sync.sinceSuccess,statistic=gauge": 60])
        #expect(measurements.kinds == ["sync.sinceSuccess,statistic=gauge": .gauge])
        let body = try #require(
            WireFormat.atlasPublish(registry.collect(), timestampMillis: 1_700_000_060_000, step: .seconds(60)).first
        )
        #expect(
            String(decoding: body, as: UTF8.self).contains(
                #""atlas.dstype":"gauge"},"timestamp":1700000060000,"value":60}"#
            )
        )
    }
}

@Suite("MonotonicCounterUInt64")
struct MonotonicCounterUInt64Tests {
    @Test("the first sample is the baseline; the step's growth is counted, across a wrap past UInt64.max")
    func wrap() {
        let registry = Registry()
        let sent = registry.monotonicCounterUInt64("net.bytesSent")
        #expect(stepLines(registry).isEmpty)
        sent.set(.max - 5)
        #expect(stepLines(registry).isEmpty)
        sent.set(.max - 3)
        sent.set(4)
        #expect(stepLines(registry) == ["c:net.bytesSent,statistic=count:10"])
        #expect(stepLines(registry).isEmpty)
        sent.set(1 << 60)
        #expect(stepLines(registry) == ["c:net.bytesSent,statistic=count:1.152921504606847e+18"])
    }

    @Test(
        "model: random samples and collections add up as SpectatorD's U meter adds up the same samples (growth between steps under 2⁶⁴)"
    )
    func model() {
        var random = SystemRandomNumberGenerator()
        let registry = Registry()
        let counter = registry.monotonicCounterUInt64("model")
        var reference = ReferenceUnsignedMonotonic()
        var published: Double = 0
        var value = UInt64.random(in: 0...UInt64.max, using: &random)
        for _ in 0..<10_000 {
            value &+= UInt64.random(in: 0...(1 << 50), using: &random)
            counter.set(value)
            reference.sample(value)
            if UInt8.random(in: 0..<4, using: &random) == 0 {
                published += registry.collect().reduce(0) { $0 + $1.value }
            }
        }
        published += registry.collect().reduce(0) { $0 + $1.value }
        // Each step's delta is one exact UInt64 difference turned into a Double; the sums agree to
        // the rounding of those conversions.
        #expect(abs(published - reference.total) <= reference.total * 1e-12)
    }
}

@Suite("Gauge TTL")
struct GaugeTTLTests {
    @Test("a gauge with a TTL is sent as g,<TTL left> and stops once not set for the TTL; setting it again resumes")
    func expiry() {
        let clock = ManualClock()
        let registry = Registry(clock: clock)
        let gauge = registry.gauge("worker.batch", ttl: .seconds(10))
        gauge.set(3)
        #expect(stepLines(registry) == ["g,10:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(4))
        // What is left of the TTL, so the sidecar still drops it 10 s after the update.
        #expect(stepLines(registry) == ["g,6:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(3))
        #expect(stepLines(registry) == ["g,5:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(2))
        #expect(stepLines(registry) == ["g,5:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(2))
        #expect(stepLines(registry).isEmpty)
        gauge.set(4)
        #expect(stepLines(registry) == ["g,10:worker.batch,statistic=gauge:4"])
        #expect(registry.gauge("worker.batch") === gauge)
    }

    @Test("a TTL below SpectatorD's 5 s minimum is raised to it; a plain gauge never expires")
    func minimum() {
        let clock = ManualClock()
        let registry = Registry(clock: clock)
        registry.gauge("short", ttl: .milliseconds(10)).set(1)
        registry.gauge("plain").set(2)
        #expect(Set(stepLines(registry)) == ["g,5:short,statistic=gauge:1", "g:plain,statistic=gauge:2"])
        clock.advance(by: .seconds(3600))
        #expect(stepLines(registry) == ["g:plain,statistic=gauge:2"])
    }
}

/// Something a polled meter samples.
private final class Pool: Sendable {
    let size = Atomic<Int>(0)
    let bytesSent = Atomic<Int>(0)
}

@Suite("PolledMeter")
struct PolledMeterTests {
    @Test("a polled gauge samples its object at each collection; once the object is gone it stops and is removed")
    func gauge() {
        let registry = Registry()
        var pool: Pool? = Pool()
        registry.polledGauge("db.pool.size", tags: ["db": "users"], of: pool!) {
            Double($0.size.load(ordering: .relaxed))
        }
        pool?.size.store(7, ordering: .relaxed)
        #expect(stepLines(registry) == ["g:db.pool.size,db=users,statistic=gauge:7"])
        pool?.size.store(9, ordering: .relaxed)
        #expect(stepLines(registry) == ["g:db.pool.size,db=users,statistic=gauge:9"])
        #expect(registry.size == 1)
        pool = nil
        #expect(stepLines(registry).isEmpty)
        #expect(registry.size == 0)
        #expect(registry.lookupSpellingCount == 0)
    }

    @Test("a polled monotonic counter publishes the growth of its samples; the first sample is the baseline")
    func monotonicCounter() {
        let registry = Registry()
        let pool = Pool()
        registry.polledMonotonicCounter("net.bytesSent", of: pool) { Double($0.bytesSent.load(ordering: .relaxed)) }
        pool.bytesSent.store(100, ordering: .relaxed)
        #expect(stepLines(registry).isEmpty)
        pool.bytesSent.store(250, ordering: .relaxed)
        #expect(stepLines(registry) == ["c:net.bytesSent,statistic=count:150"])
        #expect(stepLines(registry).isEmpty)
        withExtendedLifetime(pool) {}
    }

    @Test("sampling runs on the thread that collects, never on the one that registered")
    func samplingThread() {
        let registry = Registry()
        let pool = Pool()
        let samplingThreads = Locked<[UInt64]>([])
        registry.polledGauge("threads", of: pool) { _ in
            samplingThreads.withLock { $0.append(Platform.currentThreadID()) }
            return 1
        }
        #expect(samplingThreads.withLock { $0 }.isEmpty)
        let collectingThread = Locked<UInt64>(0)
        runOnThreads([
            {
                collectingThread.withLock { $0 = Platform.currentThreadID() }
                _ = registry.collect()
            }
        ])
        #expect(samplingThreads.withLock { $0 } == [collectingThread.withLock { $0 }])
        #expect(Platform.currentThreadID() != collectingThread.withLock { $0 })
        withExtendedLifetime(pool) {}
    }
}

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

@Suite("New meters on every wire format")
struct NewMetersOnTheWireTests {
    /// One of each new meter, recorded at wall time 1 700 000 000 s.
    static func registry() -> Registry {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let registry = Registry(clock: clock)
        registry.ageGauge("age").setNow()
        registry.gauge("ttl", ttl: .seconds(30)).set(4)
        let unsigned = registry.monotonicCounterUInt64("unsigned")
        unsigned.set(10)
        unsigned.set(25)
        let timer = registry.longTaskTimer("long")
        _ = timer.start()
        clock.advance(by: .seconds(3))
        return registry
    }

    @Test("line protocol: A, g,<ttl>, c and the long task gauges, byte for byte")
    func lines() {
        #expect(
            Set(stepLines(Self.registry())) == [
                "A:age,statistic=gauge:1700000000",
                "g,30:ttl,statistic=gauge:4",
                "c:unsigned,statistic=count:15",
                "g:long,statistic=activeTasks:1",
                "g:long,statistic=duration:3",
            ]
        )
    }

    @Test("Atlas publish JSON: the age as a gauge at the step's timestamp, the rest as their kinds say")
    func atlas() throws {
        let measurements = Self.registry().collect()
        let body = try #require(
            WireFormat.atlasPublish(measurements, timestampMillis: 1_700_000_060_000, step: .seconds(60)).first
        )
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        )
        let metrics = try #require(json["metrics"] as? [[String: Any]])
        var published: [String: (type: String, value: Double)] = [:]
        for metric in metrics {
            let tags = try #require(metric["tags"] as? [String: String])
            published["\(tags["name"]!),\(tags["statistic"]!)"] = (tags["atlas.dstype"]!, metric["value"] as! Double)
        }
        #expect(published["age,gauge"]! == ("gauge", 60))
        #expect(published["ttl,gauge"]! == ("gauge", 4))
        #expect(published["unsigned,count"]! == ("rate", 0.25))
        #expect(published["long,activeTasks"]! == ("gauge", 1))
        #expect(published["long,duration"]! == ("gauge", 3))
    }

    @Test("aggregator JSON: gauges as MAX (the age in seconds), the unsigned counter's growth as ADD")
    func aggregator() throws {
        let measurements = Self.registry().collect().map { $0.asLevel(atMillis: 1_700_000_060_000) }
        let encoder = AggregatorUpdateEncoder(commonTags: [])
        let bodies = JSONFormat.aggregatorUpdate(encoder).bodies(measurements, timestampMillis: 0, batchSize: 100)
        let body = try #require(Array(bodies).first?.body)
        let rows = AggregatorUpdateEncoderTests.decode(body)
        let max = Double(AggregatorUpdateEncoder.maxOperation)
        let add = Double(AggregatorUpdateEncoder.addOperation)
        #expect(rows[["name": "age", "statistic": "gauge"]] == [max, 60])
        #expect(rows[["name": "ttl", "statistic": "gauge"]] == [max, 4])
        #expect(rows[["name": "unsigned", "statistic": "count"]] == [add, 15])
        #expect(rows[["name": "long", "statistic": "activeTasks"]] == [max, 1])
        #expect(rows[["name": "long", "statistic": "duration"]] == [max, 3])
    }

    @Test("a thread setting a UInt64 total 400 000 times while another collects: the steps add up to its growth")
    func unsignedConcurrency() {
        let registry = Registry()
        let counter = registry.monotonicCounterUInt64("bytes")
        let total = Atomic<UInt64>(1_000)
        counter.set(1_000)
        let published = Locked<Double>(0)
        let finished = Atomic<Int>(0)
        // One sampler, as a cumulative source has: two threads setting samples they read earlier could
        // store an older one last, which is a decrease (a wrap) to any counter.
        let setter: @Sendable () -> Void = {
            for _ in 0..<400_000 { counter.set(total.wrappingAdd(3, ordering: .relaxed).newValue) }
            finished.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
        let collector: @Sendable () -> Void = {
            while finished.load(ordering: .sequentiallyConsistent) < 1 {
                let step = registry.collect().reduce(0) { $0 + $1.value }
                published.withLock { $0 += step }
            }
        }
        runOnThreads([setter, collector])
        published.withLock { $0 += registry.collect().reduce(0) { $0 + $1.value } }
        #expect(published.withLock { $0 } == 1_200_000)
    }
}

@Suite("Age gauge against a reference sidecar")
struct SidecarModelTests {
    @Test(
        "random successes and steps: after each step the sidecar has the time of the last success, as per-event A lines give it"
    )
    func model() {
        var random = SystemRandomNumberGenerator()
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let registry = Registry(clock: clock)
        let age = registry.ageGauge("age")
        var millis: Int64 = 1_700_000_000_000
        // SpectatorD fed one `A` line per success: the last success's time.
        var perEvent: Double?
        // SpectatorD fed our steps' lines.
        var fromSteps: Double?
        for _ in 0..<2_000 {
            if Bool.random(using: &random) {
                age.setNow()
                perEvent = Double(millis) / 1000
            } else {
                for line in stepLines(registry) {
                    let parsed = ProtocolLine(line)!
                    #expect(parsed.type == "A")
                    fromSteps = parsed.value
                }
                #expect(fromSteps == perEvent)
            }
            let advance = Int64.random(in: 0..<5_000, using: &random)
            clock.advance(by: .milliseconds(advance))
            millis += advance
        }
    }
}
