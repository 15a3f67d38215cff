import Foundation
import Synchronization
import Testing

@testable import Spectator

@Suite("Wire formats: age and TTL gauges, unsigned counters and long task timers")
struct WireFormatTests {
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
        let encoder = AggregatorUpdateFormat(commonTags: [])
        let bodies = JSONBodyFormat.aggregatorUpdate(encoder).bodies(measurements, timestampMillis: 0, batchSize: 100)
        let body = try #require(Array(bodies).first?.body)
        let rows = AggregatorUpdateFormatTests.decode(body)
        let max = Double(AggregatorUpdateFormat.maxOperation)
        let add = Double(AggregatorUpdateFormat.addOperation)
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
