#if Vapor
import Spectator
import SpectatorTesting
import SpectatorVapor
import Testing
import Vapor
import VaporTesting

@Suite("Vapor IpcMiddleware")
struct IpcMiddlewareTests {
    struct Boom: Error {}

    @Test(
        "a running server: every request one ipc.server.call, by route pattern, method and status, strictly compliant"
    )
    func series() async throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        try await withApp { app in
            app.middleware.use(IpcMiddleware(registry: registry, owner: "test"))
            app.get("hello") { _ in "Hello\n" }
            app.get("users", ":id") { request -> String in
                guard let id = request.parameters.get("id", as: Int.self), id < 1000 else {
                    throw Abort(.notFound, reason: "no such user")
                }
                return "user \(id)\n"
            }
            app.get("boom") { _ -> String in throw Boom() }
            app.post("echo") { request in request.body.string ?? "" }
            let tester = try app.testing(method: .running(port: 0))
            for (path, status) in [
                ("hello", HTTPStatus.ok), ("hello", .ok), ("users/7", .ok), ("users/1234", .notFound),
                ("boom", .internalServerError), ("nowhere/3", .notFound),
            ] {
                try await tester.test(.GET, path) { #expect($0.status == status, "\(path)") }
            }
            try await tester.test(
                .POST,
                "echo",
                beforeRequest: { try $0.content.encode("twelve bytes", as: .plainText) }
            ) {
                #expect($0.body.string == "twelve bytes")
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
            "http.method=get,http.status=404,ipc.endpoint=unknown,ipc.protocol=http_1,ipc.result=success,ipc.status=success,owner=test":
                1,
            "http.method=post,http.status=200,ipc.endpoint=_echo,ipc.protocol=http_1,ipc.result=success,ipc.status=success,owner=test":
                1,
        ]
        #expect(recorded.counts("ipc.server.call") == expected)
        let inbound = try recorded.distributionSummary(
            "ipc.server.call.size.inbound",
            tags: [
                "http.method": "post", "http.status": "200", "ipc.endpoint": "_echo", "ipc.protocol": "http_1",
                "ipc.result": "success", "ipc.status": "success", "owner": "test",
            ]
        )
        #expect(inbound.count == 1)
        #expect(inbound.totalAmount == 12)
        #expect(recorded.ipcViolations(strict: true) == [])
    }
}
#endif
