import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("MeterStore")
struct MeterStoreTests {
    func store(maxMeters: Int = 100, log: LogSink = .discard) -> MeterStore {
        MeterStore(maxMeters: maxMeters, meterTTL: .seconds(900), clock: SystemClock(), log: log)
    }

    @Test("resolving an id creates its meter once and finds the same one after")
    func createsOnce() {
        let store = store()
        let first = store.resolve(MeterId("requests"), make: Counter.make)
        let second = store.resolve(MeterId("requests"), make: Counter.make)
        #expect(first != nil && first === second)
        #expect(store.count == 1)
    }

    @Test("an id registered as another type resolves to nil, reported once")
    func typeConflict() {
        let log = LogLines()
        let store = store(log: log.sink)
        _ = store.resolve(MeterId("requests"), make: Counter.make)
        #expect(store.resolve(MeterId("requests"), make: Gauge.make) == nil)
        #expect(store.resolve(MeterId("requests"), make: Gauge.make) == nil)
        #expect(log.all.count == 1)
        #expect(store.count == 1)
    }

    @Test("past maxMeters new ids are refused and counted, reported once; registered ones still resolve")
    func cap() {
        let log = LogLines()
        let store = store(maxMeters: 2, log: log.sink)
        let kept = (0..<4).map { store.resolve(MeterId("m\($0)"), make: Counter.make) }
        #expect(kept.map { $0 != nil } == [true, true, false, false])
        #expect(store.refusedCount == 2)
        #expect(log.all.count == 1)
        #expect(store.resolve(MeterId("m1"), make: Counter.make) === kept[1])
    }

    @Test("an id with an empty name is refused and reported once")
    func emptyName() {
        let log = LogLines()
        let store = store(log: log.sink)
        #expect(store.resolve(MeterId(""), make: Counter.make) == nil)
        #expect(store.resolve(MeterId("", tags: ["k": "v"]), make: Counter.make) == nil)
        #expect(log.all.count == 1)
        #expect(store.count == 0)
    }

    @Test("a collection writes each meter's step and resets it; a removed meter is published once more, then gone")
    func collectAndRemove() throws {
        let store = store()
        let lookup = ShardedLookup(capacity: 100)
        let requests = try #require(store.resolve(MeterId("requests"), make: Counter.make))
        let errors = try #require(store.resolve(MeterId("errors"), make: Counter.make))
        requests.increment(by: 3)
        errors.increment()
        func collect() -> [String: Double] {
            var collected = MeasurementArrayWriter()
            store.collect(into: &collected, lookup: lookup)
            return collected.measurements.values
        }
        #expect(collect() == ["requests,statistic=count": 3, "errors,statistic=count": 1])
        #expect(collect().isEmpty)
        errors.increment(by: 2)
        store.remove(MeterId("errors"), lookup: lookup)
        #expect(collect() == ["errors,statistic=count": 2])
        #expect(store.count == 1)
        #expect(collect().isEmpty)
    }
}
