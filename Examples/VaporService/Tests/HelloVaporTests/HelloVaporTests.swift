import HelloVapor
import Spectator
import SpectatorTesting
import Testing
import Vapor
import VaporTesting

@Suite("HelloVapor")
struct HelloVaporTests {
    /// The tags of a served call: `http.status=…,ipc.endpoint=…` and what `status` makes of it.
    static func served(_ httpStatus: Int, _ endpoint: String, _ status: String, detail: String = "") -> String {
        let result = status == "success" ? "success" : "failure"
        return "http.method=get,http.status=\(httpStatus),ipc.endpoint=\(endpoint),ipc.protocol=http_1,"
            + "ipc.result=\(result),ipc.status=\(status),"
            + (detail.isEmpty ? "" : "ipc.status.detail=\(detail),") + "owner=hello-vapor"
    }

    @Test("a mix of requests, on a running server: the exact ipc.server.call series, strictly compliant")
    func requestsAreRecorded() async throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        try await withApp { app in
            configure(app, registry: registry)
            let tester = try app.testing(method: .running(port: 0))
            for (path, status) in [
                ("hello", HTTPStatus.ok), ("hello", .ok), ("hello", .ok), ("users/7", .ok), ("users/1234", .notFound),
                ("boom", .internalServerError), ("nowhere", .notFound),
            ] {
                try await tester.test(.GET, path) { #expect($0.status == status, "\(path)") }
            }
        }
        #expect(
            recorded.counts("ipc.server.call") == [
                Self.served(200, "_hello", "success"): 3,
                Self.served(200, "_users__id", "success"): 1,
                Self.served(404, "_users__id", "success"): 1,
                Self.served(500, "_boom", "unexpected_error", detail: "Boom"): 1,
                Self.served(404, "unknown", "success"): 1,
            ]
        )
        #expect(recorded.ipcViolations(strict: true) == [])
    }

    @Test("a request that finishes while the server shuts down is in the last published step")
    func requestDuringShutdown() async throws {
        let registry = Registry()
        let output = MemoryOutput()
        var configuration = SpectatorConfiguration(environment: [:], log: .discard)
        configuration.outputLocation = .memory(output)
        configuration.step = .seconds(60)
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.start()

        // The example's main.swift, with `serve` on a free port and the stop that SIGTERM would send.
        let environment = Environment(
            name: "testing",
            arguments: ["vapor", "serve", "--hostname", "127.0.0.1", "--port", "0"]
        )
        let app = try await Application.make(environment)
        configure(app, registry: registry)
        let (arrivals, arrival) = AsyncStream<Void>.makeStream()
        app.get("slow") { _ async throws -> String in
            arrival.yield()
            try await Task.sleep(for: .milliseconds(500))
            return "done\n"
        }
        let serving = Task { try await app.execute() }
        var port: Int?
        for _ in 0..<500 where port == nil {
            port = app.http.server.shared.localAddress?.port
            try await Task.sleep(for: .milliseconds(10))
        }
        let url = "http://127.0.0.1:\(try #require(port))/slow"
        let response = Task { try await HTTPClient.shared.get(url: url).get() }
        for await _ in arrivals { break }

        app.running?.stop()  // what SIGTERM does
        try await serving.value
        try await app.asyncShutdown()  // the server finishes the slow request,
        await publisher.shutdown()  // then its step is published

        #expect(try await response.value.status == .ok)
        #expect(
            output.lines.contains(
                "c:ipc.server.call,http.method=get,http.status=200,ipc.endpoint=_slow,ipc.protocol=http_1,ipc.result=success,ipc.status=success,owner=hello-vapor,statistic=count:1"
            )
        )
    }
}
