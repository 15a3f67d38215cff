import HelloService
import Hummingbird
import HummingbirdTesting
import Spectator
import SpectatorTesting
import Testing

@Suite("HelloService")
struct HelloServiceTests {
    /// The tags of a served call: `http.status=…,ipc.endpoint=…` and what `status` makes of it.
    static func served(_ httpStatus: Int, _ endpoint: String, _ status: String, detail: String = "") -> String {
        let result = status == "success" ? "success" : "failure"
        return "http.method=get,http.status=\(httpStatus),ipc.endpoint=\(endpoint),ipc.protocol=http_1,"
            + "ipc.result=\(result),ipc.status=\(status),"
            + (detail.isEmpty ? "" : "ipc.status.detail=\(detail),") + "owner=hello-service"
    }

    @Test(
        "a mix of requests, on a live server: the exact ipc.server.call and ipc.client.call series, strictly compliant"
    )
    func requestsAreRecorded() async throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        // The upstream: this same service, on a port of its own, with nothing upstream of it.
        let upstream = Application(router: buildRouter(registry: Registry(), upstreamURL: nil))
        try await upstream.test(.live) { upstreamClient in
            let upstreamURL = "http://127.0.0.1:\(try #require(upstreamClient.port))/hello"
            let app = Application(router: buildRouter(registry: registry, upstreamURL: upstreamURL))
            try await app.test(.live) { client in
                for (uri, status) in [
                    ("/hello", HTTPResponse.Status.ok), ("/hello", .ok), ("/hello", .ok), ("/users/7", .ok),
                    ("/users/1234", .notFound), ("/boom", .internalServerError), ("/nowhere", .notFound),
                    ("/upstream", .ok),
                ] {
                    try await client.execute(uri: uri, method: .get) { #expect($0.status == status, "\(uri)") }
                }
            }
        }
        let closed = Application(router: buildRouter(registry: registry, upstreamURL: "http://127.0.0.1:1/hello"))
        try await closed.test(.router) { client in
            try await client.execute(uri: "/upstream", method: .get) { #expect($0.status == .badGateway) }
        }

        #expect(
            recorded.counts("ipc.server.call") == [
                Self.served(200, "_hello", "success"): 3,
                Self.served(200, "_users__id", "success"): 1,
                Self.served(404, "_users__id", "success"): 1,
                Self.served(500, "_boom", "unexpected_error", detail: "Boom"): 1,
                Self.served(404, "unknown", "success"): 1,
                Self.served(200, "_upstream", "success"): 1,
                Self.served(502, "_upstream", "unexpected_error"): 1,
            ]
        )
        let made = "http.method=get,ipc.attempt=initial,ipc.attempt.final=true"
        #expect(
            recorded.counts("ipc.client.call") == [
                "\(made.replacingOccurrences(of: "get,", with: "get,http.status=200,")),ipc.endpoint=upstream,ipc.result=success,ipc.status=success,owner=hello-service":
                    1,
                "\(made),ipc.endpoint=upstream,ipc.result=failure,ipc.status=connection_error,owner=hello-service": 1,
            ]
        )
        #expect(recorded.ipcViolations(strict: true) == [])
    }
}
