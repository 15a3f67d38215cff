#if Lifecycle
public import ServiceLifecycle
public import Spectator

/// Publishes a registry's meters as a swift-service-lifecycle `Service`: every step until graceful
/// shutdown or cancellation, then the last partial step.
///
/// Add it to the services of a `ServiceGroup`, or of a Hummingbird `Application`, and the group
/// runs it:
///
/// ```swift
/// let configuration = SpectatorConfiguration()
/// let registry = Registry(configuration: configuration)
/// let spectator = SpectatorService(registry: registry, configuration: configuration)
/// let group = ServiceGroup(services: [spectator], logger: Logger(label: "service"))
/// try await group.run()
/// ```
///
/// A `ServiceGroup` shuts its services down in the reverse of their order, one after another. Put
/// this service **before** the services that record (an HTTP server, a queue consumer): they stop
/// first, and the final step then counts their last requests. A Hummingbird `Application` appends
/// its server after the services you pass, so `services: [spectator]` already has that order.
///
/// The service ends when its publisher is done: after graceful shutdown or cancellation, once the last
/// step is delivered or dropped (over HTTP, within one request's timeout plus the retries that fit in
/// half a step). It never throws.
public struct SpectatorService: Service {
    /// The publisher this service runs.
    public let publisher: Publisher

    /// A service publishing `registry` where `configuration` says, every `configuration.step`.
    public init(registry: Registry, configuration: SpectatorConfiguration = SpectatorConfiguration()) {
        self.init(publisher: Publisher(registry: registry, configuration: configuration))
    }

    /// A service running `publisher`. It should not be started elsewhere: a publisher runs once.
    public init(publisher: Publisher) {
        self.publisher = publisher
    }

    /// Publishes every step until graceful shutdown or cancellation, then publishes the last partial
    /// step and returns.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await publisher.run()
        }
    }
}
#endif
