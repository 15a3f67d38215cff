import Testing

@testable import Spectator

@Suite("IndexTable")
struct IndexTableTests {
    static let ids = (0..<1_000).map { MeterId("requests", tags: ["i": String($0)]) }

    @Test("each id is found at the position it was inserted at, through the table's growth; others are not")
    func insertAndFind() {
        var table = IndexTable()
        for (position, id) in Self.ids.enumerated() {
            table.insert(id, at: position) { Self.ids[$0] }
        }
        #expect(Self.ids.indices.allSatisfy { table.find(Self.ids[$0]) { Self.ids[$0] } == $0 })
        #expect(table.find(MeterId("requests", tags: ["i": "x"])) { Self.ids[$0] } == nil)
    }

    @Test("built from a collection, it files each id at its place in it")
    func built() {
        let reversed = Array(Self.ids.reversed())
        let table = IndexTable(reversed)
        #expect(reversed.indices.allSatisfy { table.find(reversed[$0]) { reversed[$0] } == $0 })
        // An id made again from the same name and tags is the same key.
        #expect(table.find(MeterId("requests", tags: ["i": "999"])) { reversed[$0] } == 0)
    }

    @Test("a slot is only a candidate: the id at its position must be the one asked for")
    func confirmsById() {
        var table = IndexTable()
        table.insert(Self.ids[0], at: 0) { Self.ids[$0] }
        #expect(table.find(Self.ids[0]) { _ in Self.ids[1] } == nil)
    }
}
