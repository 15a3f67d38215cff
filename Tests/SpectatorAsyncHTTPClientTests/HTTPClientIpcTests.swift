#if AsyncHTTPClient && Hummingbird
import AsyncHTTPClient
import Hummingbird
import NIOCore
import NIOPosix
import Spectator
import SpectatorAsyncHTTPClient
import SpectatorTesting
import Testing

@Suite("AsyncHTTPClient IPC calls")
struct HTTPClientIpcTests {
    /// Runs `body` with the port of a live Hummingbird upstream on 127.0.0.1: `/hello` answers 200,
    /// `/busy` 503, `/slow` after 2 s.
    static func withUpstream(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.get("hello") { _, _ in "Hello\n" }
        router.get("busy") { _, _ -> String in throw HTTPError(.serviceUnavailable) }
        router.get("slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(2))
            return "late\n"
        }
        let ready = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ready.continuation.yield($0.localAddress?.port ?? 0) }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var ports = ready.stream.makeAsyncIterator()
            let port = try #require(await ports.next())
            try await body(port)
            group.cancelAll()
        }
    }

    /// A port on 127.0.0.1 that nothing listens on: one the system gave a listener, which then closed.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 1
        try await channel.close()
        return port
    }

    static func request(_ url: String) -> HTTPClientRequest {
        HTTPClientRequest(url: url)
    }

    @Test("answers and failures each as their status: success, unavailable, connection_error, timeout, access_denied")
    func statuses() async throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let ipc = IpcMetrics(registry: registry, owner: "test")
        // A connection that cannot be made fails the request at once, rather than being tried again
        // until the deadline (AsyncHTTPClient's default), so that a busy machine cannot turn a refused
        // connection or a failed handshake into a timeout.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let closed = try await Self.closedPort()
        do {
            try await Self.withUpstream { port in
                let response = try await client.execute(
                    Self.request("http://127.0.0.1:\(port)/hello"),
                    timeout: .seconds(5),
                    ipc: ipc,
                    endpoint: "hello",
                    serverApp: "upstream"
                )
                #expect(response.status == .ok)
                let busy = try await client.execute(
                    Self.request("http://127.0.0.1:\(port)/busy"),
                    timeout: .seconds(5),
                    ipc: ipc,
                    endpoint: "busy",
                    attempt: 2,
                    isFinalAttempt: false
                )
                #expect(busy.status == .serviceUnavailable)
                await #expect(throws: (any Error).self) {
                    try await client.execute(
                        Self.request("http://127.0.0.1:\(closed)/hello"),
                        timeout: .seconds(5),
                        ipc: ipc,
                        endpoint: "refused"
                    )
                }
                await #expect(throws: (any Error).self) {
                    try await client.execute(
                        Self.request("http://127.0.0.1:\(port)/slow"),
                        timeout: .milliseconds(200),
                        ipc: ipc,
                        endpoint: "slow"
                    )
                }
                // TLS spoken to a plain HTTP server: the handshake fails.
                await #expect(throws: (any Error).self) {
                    try await client.execute(
                        Self.request("https://127.0.0.1:\(port)/hello"),
                        timeout: .seconds(5),
                        ipc: ipc,
                        endpoint: "tls"
                    )
                }
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
        let calls = recorded.counts("ipc.client.call")
        let first = "ipc.attempt=initial,ipc.attempt.final=true"
        #expect(
            calls == [
                "http.method=get,http.status=200,\(first),ipc.endpoint=hello,ipc.result=success,ipc.server.app=upstream,ipc.status=success,owner=test":
                    1,
                "http.method=get,http.status=503,ipc.attempt=second,ipc.attempt.final=false,ipc.endpoint=busy,ipc.result=failure,ipc.status=unavailable,owner=test":
                    1,
                "http.method=get,\(first),ipc.endpoint=refused,ipc.result=failure,ipc.status=connection_error,owner=test":
                    1,
                "http.method=get,\(first),ipc.endpoint=slow,ipc.result=failure,ipc.status=timeout,owner=test": 1,
                "http.method=get,\(first),ipc.endpoint=tls,ipc.result=failure,ipc.status=access_denied,owner=test": 1,
            ]
        )
        #expect(recorded.ipcViolations(strict: true) == [])
    }

    @Test("a task cancelled while its call waits is cancelled, and leaves nothing in flight")
    func cancelled() async throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let ipc = IpcMetrics(registry: registry, owner: "test")
        try await Self.withUpstream { port in
            let task = Task {
                try await HTTPClient.shared.execute(
                    Self.request("http://127.0.0.1:\(port)/slow"),
                    timeout: .seconds(10),
                    ipc: ipc,
                    endpoint: "slow"
                )
            }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            _ = await task.result
        }
        #expect(
            recorded.counts("ipc.client.call") == [
                "http.method=get,ipc.attempt=initial,ipc.attempt.final=true,ipc.endpoint=slow,ipc.result=failure,ipc.status=cancelled,owner=test":
                    1
            ]
        )
    }

    @Test("a request the client will not send is a bad request; an unknown error unexpected, with its type")
    func errorKinds() {
        #expect(IpcErrorKind(clientError: HTTPClientError.invalidURL) == .badRequest)
        #expect(IpcErrorKind(clientError: HTTPClientError.deadlineExceeded) == .timeout)
        #expect(IpcErrorKind(clientError: HTTPClientError.remoteConnectionClosed) == .connection)
        #expect(IpcErrorKind(clientError: CancellationError()) == .cancelled)
        #expect(IpcErrorKind(clientError: ChannelError.connectTimeout(.seconds(1))) == .timeout)
        #expect(IpcErrorKind(clientError: ChannelError.ioOnClosedChannel) == .connection)
        struct Odd: Error {}
        #expect(IpcErrorKind(clientError: Odd()) == .other)
    }
}
#endif
