import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("Registry")
struct RegistryTests {
    @Test("the same name and tags give the same meter, whatever the tag order or spelling of invalid characters")
    func sameMeter() {
        let registry = Registry()
        let counter = registry.counter("requests", tags: ["status": "200", "method": "GET"])
        #expect(registry.counter("requests", tags: ["status": "200", "method": "GET"]) === counter)
        #expect(registry.counter("requests", tags: ["method": "GET", "status": "200"]) === counter)
        #expect(registry.counter(MeterId("requests", tags: ["method": "GET", "status": "200"])) === counter)
        #expect(registry.counter("requests", tags: ["status": "200", "method": "GET", "": "dropped"]) === counter)
        #expect(registry.counter("requests", tags: ["status": "200"]) !== counter)
        #expect(registry.timer("a,b") === registry.timer("a:b"))
        #expect(registry.size == 3)
    }

    @Test("every meter type is created once per id")
    func everyType() {
        let registry = Registry()
        #expect(registry.counter("c") === registry.counter(MeterId("c")))
        #expect(registry.timer("t") === registry.timer(MeterId("t")))
        #expect(registry.distributionSummary("d") === registry.distributionSummary(MeterId("d")))
        #expect(registry.gauge("g") === registry.gauge(MeterId("g")))
        #expect(registry.maxGauge("m") === registry.maxGauge(MeterId("m")))
        #expect(registry.monotonicCounter("mc") === registry.monotonicCounter(MeterId("mc")))
        #expect(registry.percentileTimer("pt") === registry.percentileTimer(MeterId("pt")))
        #expect(
            registry.percentileDistributionSummary("pd") === registry.percentileDistributionSummary(MeterId("pd"))
        )
        #expect(registry.size == 8)
    }

    @Test("an id asked for as another type gets a no-op meter and one log line")
    func typeConflict() {
        let log = LogLines()
        let registry = Registry(log: log.sink)
        let counter = registry.counter("requests")
        for _ in 0..<3 {
            let timer = registry.timer("requests")
            #expect(timer === Timer.noop)
            timer.record(.seconds(1))
        }
        #expect(registry.gauge(MeterId("requests")) === Gauge.noop)
        counter.increment()
        #expect(registry.collect().values == ["requests,statistic=count": 1])
        #expect(log.all == ["requests is registered as a Counter, not a Timer; that request gets a no-op meter"])
        #expect(registry.size == 1)
    }

    @Test("an empty name gets a no-op meter and one log line")
    func emptyName() {
        let log = LogLines()
        let registry = Registry(log: log.sink)
        registry.counter("").increment()
        registry.counter("", tags: ["a": "b"]).increment()
        #expect(registry.counter("") === Counter.noop)
        #expect(registry.collect().isEmpty)
        #expect(registry.size == 0)
        #expect(log.all.count == 1)
        #expect(log.all.first?.contains("empty name") == true)
    }

    @Test("past maxMeters new ids get no-op meters, refusals are counted, existing meters keep working")
    func cap() {
        let log = LogLines()
        let registry = Registry(maxMeters: 3, log: log.sink)
        for index in 0..<5 {
            registry.counter("requests", tags: ["index": String(index)]).increment()
        }
        #expect(registry.size == 3)
        #expect(registry.refusedMeterCount == 2)
        #expect(log.all == ["the registry holds its maximum of 3 meters; new ids get no-op meters from now on"])
        #expect(registry.counter("requests", tags: ["index": "0"]) !== Counter.noop)
        #expect(registry.counter("requests", tags: ["index": "4"]) === Counter.noop)
        #expect(
            registry.collect().values == [
                "requests,index=0,statistic=count": 1, "requests,index=1,statistic=count": 1,
                "requests,index=2,statistic=count": 1,
            ]
        )
    }

    @Test("a flood of 1 000 000 distinct ids stops at the default cap, counted, with existing meters working")
    func cardinalityFlood() {
        let registry = Registry(log: .discard)
        let survivor = registry.counter("survivor")
        for index in 0..<1_000_000 {
            registry.counter("flood", tags: ["id": String(index)]).increment()
        }
        #expect(registry.size == 100_000)
        #expect(registry.refusedMeterCount == 900_001)
        survivor.increment()
        let measurements = registry.collect()
        #expect(measurements.count == 100_000)
        #expect(measurements.values["survivor,statistic=count"] == 1)
        #expect(registry.lookupEntryCount <= 2 * registry.maxMeters)
    }

    @Test("idle meters nobody holds expire after the TTL; a meter still held is kept and keeps working")
    func expiry() {
        let clock = ManualClock()
        let registry = Registry(meterTTL: .seconds(15 * 60), clock: clock)
        let held = registry.counter("held")
        registry.counter("released").increment()
        held.increment()
        #expect(registry.collect().count == 2)

        clock.advance(by: .seconds(14 * 60))
        #expect(registry.collect().isEmpty)
        #expect(registry.size == 2)

        clock.advance(by: .seconds(60))
        #expect(registry.collect().isEmpty)
        #expect(registry.size == 1)
        #expect(registry.lookupEntryCount == 0)

        held.increment(by: 2)
        #expect(registry.counter("held") === held)
        #expect(registry.collect().values == ["held,statistic=count": 2])

        let again = registry.counter("released")
        again.increment()
        #expect(registry.size == 2)
        #expect(registry.collect().values == ["released,statistic=count": 1])
    }

    @Test("activity postpones expiry; gauges count as active when set")
    func activityPostponesExpiry() {
        let clock = ManualClock()
        let registry = Registry(meterTTL: .seconds(60), clock: clock)
        for _ in 0..<5 {
            registry.counter("busy").increment()
            registry.gauge("level").set(1)
            clock.advance(by: .seconds(50))
            _ = registry.collect()
        }
        #expect(registry.size == 2)
        clock.advance(by: .seconds(61))
        #expect(registry.collect().values == ["level,statistic=gauge": 1])
        #expect(registry.size == 0)
    }

    @Test("a value recorded into an expiring meter just before the collection is still published")
    func drainOnExpiry() {
        let clock = ManualClock()
        let registry = Registry(meterTTL: .seconds(60), clock: clock)
        registry.maxGauge("peak").set(3)
        _ = registry.collect()
        clock.advance(by: .seconds(61))
        registry.maxGauge("peak").set(9)
        #expect(registry.collect().values == ["peak,statistic=max": 9])
        #expect(registry.size == 0)
    }

    @Test("remove(_:) publishes what the meter recorded, then drops it; asking again before that keeps it")
    func remove() {
        let registry = Registry()
        let counter = registry.counter("jobs")
        counter.increment()
        registry.remove(MeterId("jobs"))
        #expect(registry.collect().values == ["jobs,statistic=count": 1])
        #expect(registry.size == 0)
        #expect(registry.counter("jobs") !== counter)

        let kept = registry.gauge("level")
        kept.set(1)
        registry.remove(MeterId("level"))
        #expect(registry.gauge("level") === kept)
        _ = registry.collect()
        #expect(registry.size == 2)
        registry.remove(MeterId("missing"))
        #expect(registry.size == 2)
    }

    @Test(
        "the lookup: tag order does not matter, an id is one key, and only non-canonical names and tags are kept as a copy"
    )
    func spellings() {
        let registry = Registry(log: .discard)
        let sorted = registry.counter("requests", tags: ["method": "GET", "status": "200"])
        #expect(registry.counter("requests", tags: ["status": "200", "method": "GET"]) === sorted)
        #expect(registry.counter(MeterId("requests", tags: ["status": "200", "method": "GET"])) === sorted)
        #expect(registry.lookupEntryCount == 1)

        let route = registry.counter("requests", tags: ["route": "/users"])
        #expect(registry.counter("requests", tags: ["route": "/users"]) === route)
        #expect(registry.counter("requests", tags: ["route": "_users"]) === route)
        #expect(registry.lookupEntryCount == 3)
        #expect(registry.size == 2)
        // Another type under either key is a conflict, not the counter.
        #expect(registry.timer("requests", tags: ["route": "/users"]).id == MeterId("spectator.noop"))
        #expect(registry.timer("requests", tags: ["route": "_users"]).id == MeterId("spectator.noop"))

        // Removing the meter drops both of its keys; the alias then finds a new meter.
        registry.remove(route.id)
        _ = registry.collect()
        #expect(registry.lookupEntryCount == 1)
        let again = registry.counter("requests", tags: ["route": "/users"])
        #expect(again !== route)
        #expect(registry.counter("requests", tags: ["route": "/users"]) === again)
        #expect(registry.counter("requests", tags: ["method": "GET", "status": "200"]) === sorted)
    }

    @Test("strings holding `,` or `=` never match an id whose wire bytes they happen to spell")
    func delimitersInStrings() {
        let registry = Registry(log: .discard)
        let tagged = registry.counter("a", tags: ["b": "c"])
        let named = registry.counter("a,b=c")
        let split = registry.counter("n", tags: ["k": "v", "x": "y"])
        let joined = registry.counter("n", tags: ["k": "v,x=y"])
        #expect(tagged !== named)
        #expect(split !== joined)
        #expect(named.id.description == "a_b_c")
        #expect(joined.id.description == "n,k=v_x_y")
        #expect(registry.counter("a,b=c") === named)
        #expect(registry.counter("n", tags: ["k": "v,x=y"]) === joined)
        #expect(registry.size == 4)
    }

    @Test("duplicate keys and empty values: the same spelling finds the same meter, as the id rules say")
    func irregularTags() {
        let registry = Registry(log: .discard)
        let duplicate = registry.counter("d", tags: ["k": "1", "k": "2"])
        #expect(duplicate.id.description == "d,k=2")
        #expect(registry.counter("d", tags: ["k": "1", "k": "2"]) === duplicate)
        #expect(registry.counter("d", tags: ["k": "2"]) === duplicate)
        let empty = registry.counter("e", tags: ["k": "", "j": "1"])
        #expect(empty.id.description == "e,j=1")
        #expect(registry.counter("e", tags: ["k": "", "j": "1"]) === empty)
        #expect(registry.size == 2)
    }

    @Test("tags from a run-time collection find the meter a literal names, sorted, sanitised and deduplicated alike")
    func runtimeTagCollections() {
        let registry = Registry()
        let literal = registry.counter("server.requestCount", tags: ["status": "200", "method": "GET"])
        let pairs: [(key: String, value: String)] = [("method", "GET"), ("status", "200")]
        let dictionary = ["status": "200", "method": "GET"]
        #expect(registry.counter("server.requestCount", tagPairs: pairs) === literal)
        #expect(registry.counter("server.requestCount", tagPairs: dictionary) === literal)
        let duplicate: [(key: String, value: String)] = [("status", "1"), ("status", "200"), ("method", "GET")]
        #expect(registry.counter("server.requestCount", tagPairs: duplicate) === literal)
        let odd = registry.timer("db latency", tagPairs: ["table name": "users"])
        #expect(odd.id == MeterId("db_latency", tags: ["table_name": "users"]))
        #expect(registry.timer("db_latency", tags: ["table_name": "users"]) === odd)
        #expect(
            registry.gauge("pool.size", tagPairs: dictionary)
                !== registry.gauge("pool.size", tagPairs: pairs.dropLast())
        )
        #expect(registry.size == 4)
    }

    @Test("unlabeled pairs, read in place, find the meter a literal names, for every meter type that takes pairs")
    func unlabeledPairs() {
        let registry = Registry()
        let unlabeled: [(String, String)] = [("status", "200"), ("method", "GET"), ("status", "200")]
        #expect(
            registry.counter("requests", tagPairs: unlabeled)
                === registry.counter("requests", tags: ["method": "GET", "status": "200"])
        )
        #expect(
            registry.gauge("g", tagPairs: unlabeled) === registry.gauge("g", tags: ["method": "GET", "status": "200"])
        )
        #expect(
            registry.distributionSummary("d", tagPairs: unlabeled)
                === registry.distributionSummary("d", tags: ["method": "GET", "status": "200"])
        )
        #expect(
            registry.timer("t", tagPairs: unlabeled) === registry.timer("t", tags: ["method": "GET", "status": "200"])
        )
        #expect(
            registry.percentileTimer("p", tagPairs: unlabeled)
                === registry.percentileTimer("p", tags: ["method": "GET", "status": "200"])
        )
        #expect(
            registry.distinctCountSketch("s", tagPairs: unlabeled)
                === registry.distinctCountSketch("s", tags: ["method": "GET", "status": "200"])
        )
        #expect(registry.size == 6)
    }
}
