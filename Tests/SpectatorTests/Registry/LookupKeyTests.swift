import Testing

@testable import Spectator

@Suite("Lookup keys")
struct LookupKeyTests {
    /// Names and tags around the 15-byte line between small and other strings, out of order,
    /// sanitised, duplicated, empty and non-ASCII.
    static let namesAndTags: [(name: String, tags: [(key: String, value: String)])] = [
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

    @Test("the warm path finds every meter the cold path filed, by small strings or copied strings alike")
    func warmPathFindsWhatColdPathFiled() {
        let registry = Registry(log: .discard)
        for (name, tags) in Self.namesAndTags {
            let counter = registry.counter(name, tagPairs: tags)
            let smallEnough = tags.allSatisfy { $0.key.utf8.count <= 15 && $0.value.utf8.count <= 15 }
            let found: Counter? = registry.existingMeter(name, tags)
            #expect((found === counter) == smallEnough, "\(name) \(tags)")
            #expect(registry.counter(name, tagPairs: tags) === counter)
            #expect(registry.counter(name, tagPairs: tags.reversed().reversed()) === counter)
        }
    }

    @Test("a key with its strings' words hashes as the id does, and as the copied-strings key does")
    func hashesAgree() {
        for (name, tags) in Self.namesAndTags {
            let smallKeyHash: UInt64? = withSmallStringsKey(name, tags) { $0.hash }
            let copiedHash = withCopiedStringsKey(name, tags) { $0.hash }
            let smallEnough = tags.allSatisfy { $0.key.utf8.count <= 15 && $0.value.utf8.count <= 15 }
            #expect(smallKeyHash == (smallEnough ? copiedHash : nil), "\(name) \(tags)")
            let id = MeterId(name, tagPairs: tags)
            if id.description == withCopiedStringsKey(name, tags, { String(decoding: $0.bytes, as: UTF8.self) }) {
                #expect(id.lookupHash == copiedHash, "\(name) \(tags)")
            }
        }
    }

    @Test("a small-words key matches exactly its own id, never one its `,` or `=` happen to write")
    func matchesExactly() {
        let id = MeterId("a", tags: ["b": "c", "x": "y"])
        #expect(withSmallStringsKey("a", [("x", "y"), ("b", "c")]) { $0.matches(id.storage) } == true)
        #expect(withSmallStringsKey("a", [("b", "c,x=y")]) { $0.matches(id.storage) } == false)
        #expect(withSmallStringsKey("a", [("b", "c"), ("x", "z")]) { $0.matches(id.storage) } == false)
        #expect(withSmallStringsKey("a", [("b", "c")]) { $0.matches(id.storage) } == false)
        #expect(withSmallStringsKey("a,b=c", [("x", "y")]) { $0.matches(id.storage) } == false)
        let sanitised = MeterId("a", tags: ["b": "c_d"])
        #expect(withSmallStringsKey("a", [("b=c", "d")]) { $0.matches(sanitised.storage) } == false)
    }
}
