import Testing

@testable import Spectator

@Suite("TransportFailure")
struct TransportFailureTests {
    @Test("a platform call's failure is counted under the reason its kind means, with its detail")
    func reasons() {
        let kinds: [(Platform.CallFailure.Kind, DropReason)] = [
            (.unreachable, .connection), (.tooLarge, .oversized), (.timedOut, .timeout), (.failed, .socket),
        ]
        for (kind, reason) in kinds {
            let failure = TransportFailure(Platform.CallFailure(kind, "send: detail"))
            #expect(failure == TransportFailure(reason, "send: detail"))
        }
    }
}
