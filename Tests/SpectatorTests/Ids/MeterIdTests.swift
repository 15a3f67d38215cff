import Testing

@testable import Spectator

@Suite("MeterId")
struct MeterIdTests {
    @Test("the Go/Python sanitisation vector (spectator-go id_test.go, spectator-py test_meter_id.py)")
    func specVector() {
        let id = MeterId(#"test`!@#$%^&*()-=~_+[]{}\|;:'",<.>/?foo"#, tags: ["tag1,:=": "value1,:="])
        #expect(id.name == "test______^____-_~______________.___foo")
        #expect(id.description == "test______^____-_~______________.___foo,tag1___=value1___")
    }

    @Test("tags are sorted by key and form the wire id")
    func sortedTags() {
        let id = MeterId("server.requestCount", tags: ["status": "200", "method": "GET", "endpoint": "users"])
        #expect(id.tags.map(\.key) == ["endpoint", "method", "status"])
        #expect(id.description == "server.requestCount,endpoint=users,method=GET,status=200")
        #expect(id == MeterId("server.requestCount", tags: ["method": "GET", "endpoint": "users", "status": "200"]))
        #expect(
            id.hashValue
                == MeterId("server.requestCount", tags: ["method": "GET", "endpoint": "users", "status": "200"])
                .hashValue
        )
    }

    @Test("a duplicate key keeps its last value, also when two keys sanitise alike")
    func duplicateKeys() {
        #expect(
            MeterId("m", tagPairs: [(key: "a", value: "1"), (key: "b", value: "2"), (key: "a", value: "3")]).description
                == "m,a=3,b=2"
        )
        #expect(MeterId("m", tags: ["a,": "1", "a:": "2"]).description == "m,a_=2")
    }

    @Test("empty keys and values are dropped; a tag named `name` is dropped")
    func emptyTags() {
        let id = MeterId("m", tags: ["": "x", "k": "", "name": "other", "ok": "1"])
        #expect(id.description == "m,ok=1")
        #expect(id.isValid)
    }

    @Test("an empty name makes an invalid id")
    func emptyName() {
        #expect(!MeterId("").isValid)
        #expect(!MeterId("", tags: ["a": "b"]).isValid)
    }

    @Test("each non-ASCII Unicode scalar becomes one underscore")
    func nonASCII() {
        #expect(MeterId("café").name == "caf_")
        #expect(MeterId("📈").name == "_")
        #expect(MeterId("e\u{301}").name == "e_")  // e + combining acute: two scalars
        #expect(MeterId("a\nb\0c d").name == "a_b_c_d")
        #expect(MeterId("m", tags: ["région": "🇫🇷"]).description == "m,r_gion=__")
    }

    @Test("allowed characters pass untouched")
    func allowedCharacters() {
        let all = "-._ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~^"
        #expect(MeterId(all).name == all)
    }

    @Test("names, keys and values are cut to Atlas' limits (255 / 60 / 120)")
    func lengthLimits() {
        let huge = String(repeating: "x", count: 10_000)
        let id = MeterId(huge, tags: [huge: huge])
        #expect(id.name.count == 255)
        #expect(id.tags[0].key.count == 60)
        #expect(id.tags[0].value.count == 120)
        let hugeEmoji = String(repeating: "🙂", count: 10_000)
        #expect(MeterId(hugeEmoji).name == String(repeating: "_", count: 255))
    }

    @Test("runtime dictionaries (tagPairs:) and withTag build the same ids")
    func otherInitialisers() {
        let tags: [String: String] = ["status": "200", "method": "GET"]
        let id = MeterId("requests", tagPairs: tags)
        #expect(id == MeterId("requests", tags: ["method": "GET", "status": "200"]))
        #expect(id.withTag("status", "500").description == "requests,method=GET,status=500")
        #expect(id.withTags(["zone": "a", "method": "POST"]).description == "requests,method=POST,status=200,zone=a")
        #expect(id.value(forTag: "method") == "GET")
        #expect(id.value(forTag: "missing") == nil)
    }

    @Test("ids differing only in invalid characters are the same id")
    func collapsing() {
        #expect(MeterId("a,b") == MeterId("a:b"))
        #expect(MeterId("a,b").lookupHash == MeterId("a:b").lookupHash)
        #expect(MeterId("a") != MeterId("a", tags: ["k": "v"]))
    }
}
