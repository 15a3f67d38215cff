import Foundation
import Testing

@testable import Spectator

@Suite("MeterProvider")
struct MeterProviderTests {
    /// `key=value,...` of a meter's id.
    static func tags(_ id: MeterId) -> String {
        id.tags.map(\.description).joined(separator: ",")
    }

    @Test("values pair with the keys: the registry's own meter for those tags, found again without it")
    func sameMeterAsTheRegistry() {
        let registry = Registry(log: .discard)
        let requests = registry.counters("server.requestCount", tagKeys: ["status", "method", "endpoint"])
        let counter = requests.withValues("200", "GET", "/users")
        #expect(
            counter
                === registry.counter(
                    "server.requestCount",
                    tags: ["status": "200", "method": "GET", "endpoint": "/users"]
                )
        )
        #expect(requests.withValues("200", "GET", "/users") === counter)
        #expect(requests.withValues(["200", "GET", "/users"]) === counter)
        requests.withValues("200", "GET", "/users").increment()
        requests.withValues("500", "GET", "/users").increment(by: 2)
        #expect(
            registry.collect().values == [
                "server.requestCount,endpoint=_users,method=GET,statistic=count,status=200": 1,
                "server.requestCount,endpoint=_users,method=GET,statistic=count,status=500": 2,
            ]
        )
    }

    @Test("a value left out or empty leaves its key out; values beyond the keys are ignored")
    func missingAndExtraValues() {
        let registry = Registry(log: .discard)
        let requests = registry.counters("requests", tagKeys: ["status", "method"])
        #expect(Self.tags(requests.withValues("200").id) == "status=200")
        #expect(Self.tags(requests.withValues("200", "").id) == "status=200")
        #expect(Self.tags(requests.withValues("200", "GET", "ignored").id) == "method=GET,status=200")
        #expect(Self.tags(requests.withValues(["200", "GET", "a", "b", "c"]).id) == "method=GET,status=200")
        #expect(requests.withValues([]).id.tags.isEmpty)
    }

    @Test("long values, and a short value not stored inline, find the same meter as their twins")
    func representations() {
        let registry = Registry(log: .discard)
        let requests = registry.counters("requests", tagKeys: ["endpoint", "status"])
        let long = "/api/v1/customers/orders/items"
        let counter = requests.withValues(long, "200")
        #expect(requests.withValues(String(long.utf8.map { Character(UnicodeScalar($0)) }), "200") === counter)
        var heapStatus = String(repeating: "x", count: 64)
        heapStatus.removeAll(keepingCapacity: true)
        heapStatus += "200"
        #expect(requests.withValues(long, heapStatus) === counter)
        #expect(requests.withValues(long, "201") !== counter)
        #expect(Self.tags(requests.withValues("a b", "é").id) == "endpoint=a_b,status=_")
    }

    @Test("more combinations than it remembers: every call still gets the right meter, counted exactly")
    func beyondCapacity() {
        let registry = Registry(log: .discard)
        let requests = registry.counters("requests", tagKeys: ["user"])
        let users = (0..<(MeterProvider<Counter>.capacity * 2)).map { "user-\($0)" }
        for _ in 0..<3 {
            for user in users { requests.withValues(user).increment() }
        }
        let values = registry.collect().values
        #expect(values.count == users.count)
        #expect(values.values.allSatisfy { $0 == 3 })
    }

    @Test("a full registry hands out no-op meters, which are not remembered")
    func fullRegistry() {
        let registry = Registry(maxMeters: 1, log: .discard)
        let requests = registry.counters("requests", tagKeys: ["status"])
        requests.withValues("200").increment()
        let refused = requests.withValues("500")
        refused.increment()
        #expect(refused === Counter.noop)
        #expect(registry.refusedMeterCount == 1)
        #expect(registry.collect().values == ["requests,statistic=count,status=200": 1])
    }

    @Test("every meter type has its provider, with the tags of its values")
    func everyType() {
        let registry = Registry(log: .discard)
        let keys = ["region"]
        let ids: [MeterId] = [
            registry.counters("a", tagKeys: keys).withValues("eu").id,
            registry.timers("b", tagKeys: keys).withValues("eu").id,
            registry.distributionSummaries("c", tagKeys: keys).withValues("eu").id,
            registry.gauges("d", tagKeys: keys).withValues("eu").id,
            registry.maxGauges("e", tagKeys: keys).withValues("eu").id,
            registry.monotonicCounters("f", tagKeys: keys).withValues("eu").id,
            registry.monotonicCountersUInt64("g", tagKeys: keys).withValues("eu").id,
            registry.percentileTimers("h", tagKeys: keys).withValues("eu").id,
            registry.percentileDistributionSummaries("i", tagKeys: keys).withValues("eu").id,
            registry.ageGauges("j", tagKeys: keys).withValues("eu").id,
            registry.longTaskTimers("k", tagKeys: keys).withValues("eu").id,
        ]
        #expect(ids.map(\.name) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"])
        #expect(ids.allSatisfy { Self.tags($0) == "region=eu" })
        #expect(registry.size == 11)
    }

    @Test("threads asking for the same values at once share one meter each; nothing is lost")
    func concurrentFirstUse() {
        let registry = Registry(log: .discard)
        let requests = registry.counters("requests", tagKeys: ["status", "shard"])
        let statuses = (0..<50).map { String(200 + $0) }
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for round in 0..<200 {
                for status in statuses { requests.withValues(status, String(round % 3)).increment() }
            }
        }
        let values = registry.collect().values
        #expect(values.count == 150)
        let total: Double = values.values.reduce(0, +)
        #expect(total == 40_000)
    }
}
