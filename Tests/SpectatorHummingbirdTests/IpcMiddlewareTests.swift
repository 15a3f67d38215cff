#if Hummingbird
import Hummingbird
import HummingbirdTesting
import Spectator
import SpectatorTesting
import Testing

@testable import SpectatorHummingbird

@Suite("Hummingbird IpcMiddleware")
struct IpcMiddlewareTests {
    struct Boom: Error {}

    /// A router with the middleware in front of routes of every kind of answer.
    static func router(_ registry: Registry) -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(IpcMiddleware(registry: registry, owner: "test"))
        router.get("hello") { _, _ in "Hello\n" }
        router.get("users/:id") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            guard id < 1000 else { throw HTTPError(.notFound, message: "no user \(id)") }
            return "user \(id)\n"
        }
        router.get("boom") { _, _ -> String in throw Boom() }
        router.get("limited") { _, _ -> String in throw HTTPError(.tooManyRequests) }
        router.post("echo") { request, _ in
            Response(status: .created, body: ResponseBody(asyncSequence: request.body))
        }
        router.get("stream") { _, _ in
            // Three chunks, the last one 50 ms after the handler returned: no length known in advance.
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    for chunk in ["ab", "cde", "fghi"] {
                        try await Task.sleep(for: .milliseconds(25))
                        try await writer.write(ByteBuffer(string: chunk))
                    }
                    try await writer.finish(nil)
                }
            )
        }
        return router
    }

    @Test("a live server: every request one ipc.server.call, by route pattern, method and status, strictly compliant")
    func series() async throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let app = Application(router: Self.router(registry))
        try await app.test(.live) { client in
            for (uri, status) in [
                ("/hello", HTTPResponse.Status.ok), ("/hello", .ok), ("/users/7", .ok), ("/users/1234", .notFound),
                ("/boom", .internalServerError), ("/limited", .tooManyRequests), ("/nowhere/3", .notFound),
            ] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == status, "\(uri)") }
            }
        }
        let expected: [String: Int] = [
            "http.method=get,http.status=200,ipc.endpoint=_hello,ipc.protocol=http_1,ipc.result=success,ipc.status=success,owner=test":
                2,
            "http.method=get,http.status=200,ipc.endpoint=_users__id,ipc.protocol=http_1,ipc.result=success,ipc.status=success,owner=test":
                1,
            "http.method=get,http.status=404,ipc.endpoint=_users__id,ipc.protocol=http_1,ipc.result=success,ipc.status=success,owner=test":
                1,
            "http.method=get,http.status=500,ipc.endpoint=_boom,ipc.protocol=http_1,ipc.result=failure,ipc.status=unexpected_error,ipc.status.detail=Boom,owner=test":
                1,
            "http.method=get,http.status=429,ipc.endpoint=_limited,ipc.protocol=http_1,ipc.result=failure,ipc.status=throttled,owner=test":
                1,
            "http.method=get,http.status=404,ipc.endpoint=unknown,ipc.protocol=http_1,ipc.result=success,ipc.status=success,owner=test":
                1,
        ]
        #expect(recorded.counts("ipc.server.call") == expected)
        #expect(recorded.ipcViolations(strict: true) == [])
    }

    @Test("sizes: a request body's Content-Length inbound, a streamed response counted as written, once it is done")
    func sizesAndStreaming() async throws {
        let registry = Registry()
        let app = Application(router: Self.router(registry))
        try await app.test(.live) { client in
            try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: "twelve bytes")) {
                #expect($0.status == .created)
                #expect(String(buffer: $0.body) == "twelve bytes")
            }
            try await client.execute(uri: "/stream", method: .get) { #expect(String(buffer: $0.body) == "abcdefghi") }
        }
        let measurements = registry.collect()
        func total(_ name: String, _ endpoint: String) -> Double? {
            measurements.first {
                $0.id.name == name && $0.statistic == .totalAmount
                    && $0.tags.contains { $0.key == "ipc.endpoint" && $0.value == endpoint }
            }?.value
        }
        #expect(total("ipc.server.call.size.inbound", "_echo") == 12)
        #expect(total("ipc.server.call.size.outbound", "_stream") == 9)
        // The streamed call lasted past its three 25 ms chunks, not just the handler.
        let streamed = measurements.first {
            $0.id.name == "ipc.server.call" && $0.statistic == .totalTime
                && $0.tags.contains { $0.key == "ipc.endpoint" && $0.value == "_stream" }
        }
        #expect((streamed?.value ?? 0) >= 0.075)
        // Nothing is left in flight: every call's in-flight summary saw it once.
        let inflight = measurements.filter { $0.id.name == "ipc.server.inflight" && $0.statistic == .count }
        #expect(inflight.map(\.value).reduce(0, +) == 2)
    }

    @Test("Hummingbird's {id} captures are written :id, as Vapor writes them")
    func patterns() {
        let patterns = EndpointPatterns()
        #expect(patterns.pattern("/users/{id}") == "/users/:id")
        #expect(patterns.pattern("/users/{id}") == "/users/:id")
        #expect(patterns.pattern("/files/{name}.jpg/*") == "/files/:name.jpg/*")
        #expect(patterns.pattern("/hello") == "/hello")
    }
}
#endif
