import Spectator
import SpectatorTesting
import Testing

@Suite("IPC validation")
struct IpcViolationsTests {
    /// The problems found on the one series `record` writes, strict or not.
    static func problems(strict: Bool = true, _ record: (Registry) -> Void) -> [String] {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        record(registry)
        return recorded.ipcViolations(strict: strict).map(\.problem)
    }

    static let call: KeyValuePairs<String, String> = ["owner": "o", "ipc.result": "success", "ipc.status": "success"]

    @Test("every call the library publishes, served or made, of every status and error kind, is compliant (strict)")
    func libraryIsCompliant() {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let ipc = IpcMetrics(registry: registry, owner: "test")
        for code in 100...599 {
            ipc.startServerCall(endpoint: "/e", httpMethod: "GET", protocol: .http2, clientApp: "a", vip: "v", id: "i")
                .finish(httpStatus: code, statusDetail: code >= 500 ? "boom" : "", requestBytes: 1, responseBytes: 2)
            ipc.startClientCall(
                endpoint: "e",
                httpMethod: "POST",
                serverApp: "s",
                serverCluster: "c",
                serverAsg: "s-v001",
                attempt: code % 4,
                isFinalAttempt: code % 2 == 0,
                failureInjected: code % 7 == 0 ? .delay : nil
            ).finish(httpStatus: code, requestBytes: 3, responseBytes: 4)
        }
        for kind in IpcErrorKind.allCases {
            ipc.startServerCall().finish(error: kind)
            ipc.startClientCall().finish(error: kind, httpStatus: 502, statusDetail: "\(kind)")
        }
        ipc.startServerCall().finish(status: .applicationError)
        #expect(recorded.ipcViolations(strict: true) == [])
    }

    @Test("a call without a required key")
    func missingKey() {
        #expect(
            Self.problems {
                $0.timer("ipc.server.call", tags: ["ipc.result": "success", "ipc.status": "success"]).record(
                    .seconds(1)
                )
            }
                == ["required key owner is missing"]
        )
        #expect(
            Self.problems { $0.timer("ipc.client.call", tags: Self.call).record(.seconds(1)) }
                == ["required key ipc.attempt is missing", "required key ipc.attempt.final is missing"]
        )
    }

    @Test(
        "a value outside its key's allowed set",
        arguments: [
            ("ipc.status", "not_found"), ("ipc.result", "ok"), ("ipc.attempt", "fourth"), ("ipc.attempt.final", "yes"),
            ("ipc.failure.injected", "chaos"),
        ]
    )
    func disallowedValue(key: String, value: String) {
        let problems = Self.problems { registry in
            var tags = [
                ("owner", "o"), ("ipc.result", "failure"), ("ipc.status", "timeout"), ("ipc.attempt", "initial"),
                ("ipc.attempt.final", "true"),
            ]
            tags.removeAll { $0.0 == key }
            tags.append((key, value))
            registry.timer(MeterId("ipc.client.call", tagPairs: tags.map { (key: $0.0, value: $0.1) })).record(
                .seconds(1)
            )
        }
        #expect(problems.contains("\(key)=\(value) is not an allowed value"))
    }

    @Test("a result that disagrees with the status")
    func resultDisagrees() {
        #expect(
            Self.problems {
                $0.timer("ipc.server.call", tags: ["owner": "o", "ipc.result": "failure", "ipc.status": "success"])
                    .record(.seconds(1))
            }
                == ["ipc.result=failure disagrees with ipc.status=success"]
        )
    }

    @Test("a key beyond the metric's own: a violation when strict, not otherwise; ipc.attempt on a server call")
    func extraKey() {
        let record: (Registry) -> Void = {
            $0.timer(
                "ipc.server.call",
                tags: [
                    "owner": "o", "ipc.result": "success", "ipc.status": "success", "ipc.attempt": "initial",
                    "path": "/x",
                ]
            )
            .record(.seconds(1))
        }
        #expect(
            Self.problems(strict: true, record) == [
                "key ipc.attempt is not allowed on ipc.server.call", "key path is not allowed on ipc.server.call",
            ]
        )
        #expect(Self.problems(strict: false, record) == [])
    }

    @Test("a metric of the wrong meter type")
    func wrongType() {
        #expect(
            Self.problems { $0.counter("ipc.server.call", tags: Self.call).increment() } == [
                "is a counter, not a timer"
            ]
        )
        #expect(
            Self.problems { $0.timer("ipc.server.inflight", tags: ["owner": "o"]).record(.seconds(1)) }
                == ["is a timer, not a distribution summary"]
        )
    }

    @Test("each violation names its series")
    func namesSeries() {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        registry.distributionSummary("ipc.client.inflight", tags: ["id": "x"]).record(1)
        registry.counter("unrelated").increment()
        #expect(
            recorded.ipcViolations().map(\.description) == ["ipc.client.inflight,id=x: required key owner is missing"]
        )
    }
}
