import Testing

@testable import Spectator

@Suite("ValidationAnswer")
struct ValidationAnswerTests {
    static func count(_ text: String) -> Int? {
        ValidationAnswer.errorCount(Array(text.utf8))
    }

    @Test("Atlas' answers: errorCount of an object with a type, whatever else it holds")
    func answers() {
        #expect(Self.count(#"{"type":"partial","errorCount":2,"message":["bad tag","too long"]}"#) == 2)
        #expect(Self.count(#" { "errorCount" : 0 , "type" : "error" } "#) == 0)
        #expect(
            Self.count(#"{"type":"a\"b","nested":{"errorCount":9,"x":[1,-2.5e3,true,false,null,{}]},"errorCount":7}"#)
                == 7
        )
    }

    @Test(
        "nil for anything that is not such an answer",
        arguments: [
            "", "{}", #"{"errorCount":2}"#, #"{"type":"partial"}"#, #"{"type":"partial","errorCount":-1}"#,
            #"{"type":"partial","errorCount":"2"}"#, #"{"type":"partial","errorCount":2.5}"#,
            #"{"type":"partial","errorCount":2"#, #"{"type":"partial","errorCount":2}x"#,
            #"[{"type":"p","errorCount":2}]"#,
            #"{"type":partial,"errorCount":2}"#, #"{"type":"partial",,"errorCount":2}"#, "<html>500</html>",
        ]
    )
    func refused(text: String) {
        #expect(Self.count(text) == nil)
    }

    @Test("nesting deeper than the limit is refused, not recursed into")
    func deepNesting() {
        let depth = ValidationAnswer.maxDepth + 5
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(Self.count(#"{"type":"p","errorCount":1,"x":"# + nested + "}") == nil)
        let shallow = String(repeating: "[", count: 3) + String(repeating: "]", count: 3)
        #expect(Self.count(#"{"type":"p","errorCount":1,"x":"# + shallow + "}") == 1)
    }
}
