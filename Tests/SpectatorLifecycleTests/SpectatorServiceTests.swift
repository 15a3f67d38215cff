#if Lifecycle
import Logging
import ServiceLifecycle
import Spectator
import SpectatorLifecycle
import SpectatorTestSupport
import Synchronization
import Testing

/// ``SpectatorService`` in a real `ServiceGroup`, publishing to a real UDP peer on 127.0.0.1.
@Suite("SpectatorService")
struct SpectatorServiceTests {
    let listener = UDPListener()
    let registry = Registry(log: .discard)
    /// One-hour steps: the only step published is the partial one that shutting down sends.
    var configuration: SpectatorConfiguration {
        SpectatorConfiguration(
            environment: ["SPECTATOR_OUTPUT_LOCATION": "udp://127.0.0.1:\(listener.port)", "SPECTATOR_STEP": "1h"],
            log: .discard
        )
    }

    /// The counter lines the listener received, without the publisher's own.
    func receivedLines() -> [String] {
        listener.receive().flatMap { $0.split(separator: "\n").map(String.init) }.filter {
            !$0.contains("spectator.")
        }
    }

    @Test("graceful shutdown of the group publishes the last partial step, and run() returns")
    func gracefulShutdown() async throws {
        let requests = registry.counter("requests")
        let group = ServiceGroup(
            services: [SpectatorService(registry: registry, configuration: configuration)],
            logger: Logger(label: "test")
        )
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            requests.increment(by: 3)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(receivedLines() == ["c:requests,statistic=count:3"])
    }

    @Test("cancelling the task that runs the group publishes the last partial step too")
    func cancellation() async throws {
        let requests = registry.counter("requests")
        let group = ServiceGroup(
            services: [SpectatorService(registry: registry, configuration: configuration)],
            logger: Logger(label: "test")
        )
        let running = Task { try await group.run() }
        requests.increment(by: 5)
        try await Task.sleep(for: .milliseconds(50))
        running.cancel()
        _ = await running.result
        #expect(receivedLines() == ["c:requests,statistic=count:5"])
    }

    @Test("listed before the services that record, it stops after them, so their last requests are published")
    func shutdownOrder() async throws {
        let requests = registry.counter("requests")
        let server = DrainingServer(requests: requests)
        let group = ServiceGroup(
            services: [SpectatorService(registry: registry, configuration: configuration), server],
            logger: Logger(label: "test")
        )
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            requests.increment()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(server.isDrained)
        #expect(receivedLines() == ["c:requests,statistic=count:101"])
    }

    @Test("the swift-log sink logs each event's fixed message at its level, with its particulars as metadata")
    func swiftLogSink() {
        let entries = CapturedLogEntries()
        let registry = Registry(log: .logger(entries.logger))
        _ = registry.counter("requests")
        _ = registry.timer("requests")
        _ = SpectatorConfiguration(environment: ["SPECTATOR_STEP": "banana"], log: .logger(entries.logger))
        #expect(
            entries.all == [
                .init(
                    level: .warning,
                    message: "an id registered as another meter type gets a no-op meter",
                    metadata: ["id": "requests", "registered": "Counter", "requested": "Timer"]
                ),
                .init(
                    level: .warning,
                    message: "ignoring a setting that cannot be used; the default stays",
                    metadata: [
                        "variable": "SPECTATOR_STEP", "value": "banana",
                        "expected": "a duration such as 500ms, 5s, 1m, 2h or PT1M, from 100ms to 1h",
                    ]
                ),
            ]
        )
    }
}

/// A stand-in HTTP server: on graceful shutdown it finishes 100 in-flight requests before it returns.
private final class DrainingServer: Service {
    let requests: Spectator.Counter
    private let drained = Atomic<Bool>(false)

    init(requests: Spectator.Counter) {
        self.requests = requests
    }

    var isDrained: Bool { drained.load(ordering: .relaxed) }

    func run() async throws {
        try? await gracefulShutdown()
        for _ in 0..<100 {
            requests.increment()
            await Task.yield()
        }
        drained.store(true, ordering: .relaxed)
    }
}

/// Keeps what a `Logger` logs, for assertions.
private final class CapturedLogEntries: Sendable {
    struct Entry: Equatable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])

    var all: [Entry] { entries.withLock { $0 } }

    var logger: Logger { Logger(label: "spectator") { _ in self.handler } }

    var handler: Handler { Handler(entries: self) }

    struct Handler: LogHandler {
        let entries: CapturedLogEntries
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let values = (event.metadata ?? [:]).mapValues { "\($0)" }
            entries.entries.withLock {
                $0.append(Entry(level: event.level, message: "\(event.message)", metadata: values))
            }
        }
    }
}
#endif
