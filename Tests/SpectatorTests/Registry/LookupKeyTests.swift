import Testing

@testable import Spectator

@Suite("Lookup keys")
struct LookupKeyTests {
    /// Names and tags around the 15-byte line between small and other strings, out of order,
    /// sanitised, duplicated, empty and non-ASCII.
    static let spellings: [(name: String, tags: [(key: String, value: String)])] = [
        ("server.requestCount", [("status", "200"), ("method", "GET"), ("endpoint", "users")]),
        ("n", []),
        ("fifteen-bytes-x", [("k", "fifteen-bytes-x"), ("fifteen-bytes-k", "v")]),
        ("sixteen-bytes-xx", [("eight-by", "eight-by"), ("seven-b", "nine-byte")]),
        ("a", [("b", "c"), ("ab", "d"), ("a", "e"), ("b\u{0}", "f")]),
        ("db latency", [("table name", "users"), ("k", "")]),
        ("d", [("k", "1"), ("k", "2")]),
        ("é", [("ключ", "値")]),
        ("n", [("k", "v,x=y")]),
        ("n", (0..<8).map { (key: "k\($0)", value: "v\($0)") }),
    ]

    @Test("the warm path finds every meter the cold path filed, by small words or spelled bytes alike")
    func warmPathFindsWhatColdPathFiled() {
        let registry = Registry(log: .discard)
        for (name, tags) in Self.spellings {
            let counter = registry.counter(name, tagPairs: tags)
            let smallEnough = tags.allSatisfy { $0.key.utf8.count <= 15 && $0.value.utf8.count <= 15 }
            let found: Counter? = registry.existingMeter(name, tags)
            #expect((found === counter) == smallEnough, "\(name) \(tags)")
            #expect(registry.counter(name, tagPairs: tags) === counter)
            #expect(registry.counter(name, tagPairs: tags.reversed().reversed()) === counter)
        }
    }

    @Test("a key with its strings' words hashes as the id does, and as the spelled key does")
    func hashesAgree() {
        for (name, tags) in Self.spellings {
            let smallKeyHash: UInt64? = withStringWordsKey(name, tags) { $0.hash }
            let spelledHash = withWireBytesKey(name, tags) { $0.hash }
            let smallEnough = tags.allSatisfy { $0.key.utf8.count <= 15 && $0.value.utf8.count <= 15 }
            #expect(smallKeyHash == (smallEnough ? spelledHash : nil), "\(name) \(tags)")
            let id = MeterId(name, tagPairs: tags)
            if id.description == withWireBytesKey(name, tags, { String(decoding: $0.bytes, as: UTF8.self) }) {
                #expect(id.lookupHash == spelledHash, "\(name) \(tags)")
            }
        }
    }

    @Test("a small-words key matches exactly the id it spells, never one its `,` or `=` happen to spell")
    func matchesExactly() {
        let id = MeterId("a", tags: ["b": "c", "x": "y"])
        #expect(withStringWordsKey("a", [("x", "y"), ("b", "c")]) { $0.matches(id.storage) } == true)
        #expect(withStringWordsKey("a", [("b", "c,x=y")]) { $0.matches(id.storage) } == false)
        #expect(withStringWordsKey("a", [("b", "c"), ("x", "z")]) { $0.matches(id.storage) } == false)
        #expect(withStringWordsKey("a", [("b", "c")]) { $0.matches(id.storage) } == false)
        #expect(withStringWordsKey("a,b=c", [("x", "y")]) { $0.matches(id.storage) } == false)
        let sanitised = MeterId("a", tags: ["b": "c_d"])
        #expect(withStringWordsKey("a", [("b=c", "d")]) { $0.matches(sanitised.storage) } == false)
    }
}
