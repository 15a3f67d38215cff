import Testing

@testable import Spectator

@Suite("LookupTable")
struct LookupTableTests {
    static func counters(_ count: Int) -> [Counter] {
        (0..<count).map { Counter(id: MeterId("requests", tags: ["i": String($0)])) }
    }

    @Test("every id filed is found again through the table's growth from 16 slots; an id not filed is not")
    func growth() {
        var table = LookupTable(limit: 10_000)
        let counters = Self.counters(1_000)
        for counter in counters { table.insert(MeterIdKey(counter.id), meter: counter) }
        #expect(table.count == 1_000)
        // 1 000 entries fill more than ¾ of 1 024 slots.
        #expect(table.hashes.count == 2_048)
        #expect(counters.allSatisfy { table.find(MeterIdKey($0.id), as: Counter.self) === $0 })
        #expect(table.find(MeterIdKey(MeterId("requests", tags: ["i": "1000"])), as: Counter.self) == nil)
    }

    @Test("a meter is found only as the type it was filed as")
    func type() {
        var table = LookupTable(limit: 16)
        let counter = Counter(id: MeterId("requests"))
        table.insert(MeterIdKey(counter.id), meter: counter)
        #expect(table.find(MeterIdKey(counter.id), as: Counter.self) === counter)
        #expect(table.find(MeterIdKey(counter.id), as: Gauge.self) == nil)
    }

    @Test("names and tags that are the id are filed as the meter itself; others as an alias, found by them alone")
    func aliases() {
        var table = LookupTable(limit: 16)
        let counter = Counter(id: MeterId("db latency", tags: ["table": "users"]))
        #expect(counter.id.name == "db_latency")
        withCopiedStringsKey("db latency", [("table", "users")]) { table.insert($0, meter: counter) }
        #expect(
            withCopiedStringsKey("db latency", [("table", "users")]) { table.find($0, as: Counter.self) } === counter
        )
        #expect(table.find(MeterIdKey(counter.id), as: Counter.self) == nil)
        withCopiedStringsKey("db_latency", [("table", "users")]) { table.insert($0, meter: counter) }
        #expect(table.count == 2)
        #expect(table.find(MeterIdKey(counter.id), as: Counter.self) === counter)
    }

    @Test("names and tags filed twice take one slot; past its limit the table files nothing new")
    func limit() {
        var table = LookupTable(limit: 3)
        let counters = Self.counters(4)
        for counter in counters + counters { table.insert(MeterIdKey(counter.id), meter: counter) }
        #expect(table.count == 3)
        #expect(table.find(MeterIdKey(counters[3].id), as: Counter.self) == nil)
    }

    @Test("removing meters drops every slot that names them, aliases too, and keeps the rest findable")
    func removal() {
        var table = LookupTable(limit: 1_000)
        let counters = Self.counters(100)
        for counter in counters { table.insert(MeterIdKey(counter.id), meter: counter) }
        withCopiedStringsKey("requests", [("i", "0"), ("i", "0")]) { table.insert($0, meter: counters[0]) }
        #expect(table.count == 101)
        let removed = Set(counters[..<50].map { ObjectIdentifier($0) })
        table.removeAll(removed)
        #expect(table.count == 50)
        #expect(withCopiedStringsKey("requests", [("i", "0"), ("i", "0")]) { table.find($0, as: Counter.self) } == nil)
        #expect(counters[..<50].allSatisfy { table.find(MeterIdKey($0.id), as: Counter.self) == nil })
        #expect(counters[50...].allSatisfy { table.find(MeterIdKey($0.id), as: Counter.self) === $0 })
    }
}
