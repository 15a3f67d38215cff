import Testing

@testable import Spectator

@Suite("IPC vocabulary")
struct IpcVocabularyTests {
    /// spectator-spec.md §14, written out: the codes with a status of their own, then each range's.
    static let exceptions: [Int: String] = [
        200: "success", 401: "access_denied", 402: "access_denied", 403: "access_denied", 404: "success",
        405: "bad_request", 406: "bad_request", 407: "access_denied", 408: "timeout", 429: "throttled",
        503: "unavailable", 511: "access_denied",
    ]

    static func expected(_ code: Int) -> String {
        if let status = exceptions[code] { return status }
        switch code {
        case ..<100: return "unexpected_error"
        case ..<400: return "success"
        case ..<500: return "bad_request"
        default: return "unexpected_error"
        }
    }

    @Test("every HTTP status from 100 to 599 maps as the standard table says, and the result follows the status")
    func httpStatus() {
        for code in 100...599 {
            let status = IpcStatus(httpStatus: code)
            #expect(status.rawValue == Self.expected(code), "HTTP \(code)")
            #expect(status.result.rawValue == (status.rawValue == "success" ? "success" : "failure"))
        }
    }

    @Test("codes outside 100…599 are unexpected errors", arguments: [-1, 0, 99, 600, 999, Int.min, Int.max])
    func outOfRange(code: Int) {
        #expect(IpcStatus(httpStatus: code) == .unexpectedError)
    }

    @Test("each error kind has its status")
    func errorKinds() {
        let statuses = IpcErrorKind.allCases.map { IpcStatus(errorKind: $0).rawValue }
        #expect(
            statuses == [
                "access_denied", "timeout", "connection_error", "bad_request", "cancelled", "unexpected_error",
            ]
        )
    }

    @Test("the values are spelled as the wire and the validator read them")
    func spellings() {
        #expect(
            IpcStatus.allCases.map(\.rawValue) == [
                "success", "bad_request", "unexpected_error", "connection_error", "unavailable", "throttled", "timeout",
                "cancelled", "access_denied", "application_error",
            ]
        )
        #expect(IpcResult.allCases.map(\.rawValue) == ["success", "failure"])
        #expect(
            [-1, 0, 1, 2, 3, 4, 100].map { IpcAttempt(attemptNumber: $0).rawValue } == [
                "unknown", "unknown", "initial", "second", "third_up", "third_up", "third_up",
            ]
        )
        #expect(
            [IpcAttemptFinal(isFinal: true), IpcAttemptFinal(isFinal: false)].map(\.rawValue) == ["true", "false"]
        )
        #expect(IpcFailureInjection.allCases.map(\.rawValue) == ["none", "failure", "delay", "delay_and_failure"])
        #expect(IpcSource.allCases.count == 10)
        #expect(IpcMethod.clientStreaming.rawValue == "client_streaming")
        #expect([IpcProtocol.http1, .http2, .grpc].map(\.rawValue) == ["http_1", "http_2", "grpc"])
        #expect(
            [IpcTagKey.result, IpcTagKey.attemptFinal, IpcTagKey.httpMethod, IpcTagKey.serverAsg] == [
                "ipc.result", "ipc.attempt.final", "http.method", "ipc.server.asg",
            ]
        )
    }
}
