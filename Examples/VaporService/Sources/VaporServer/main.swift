import HelloVapor
import Metrics
import Spectator
import SpectatorMetrics
import Vapor

// swift-metrics first: Vapor records every request through it.
let configuration = SpectatorConfiguration()
let registry = Registry(configuration: configuration)
registry.registerProcessMetrics()
MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry))
let publisher = Publisher(registry: registry, configuration: configuration)
publisher.start()

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    addRoutes(to: app)
    try await app.execute()  // serves until SIGTERM or SIGINT
} catch {
    try? await app.asyncShutdown()
    await publisher.shutdown()
    throw error
}
try await app.asyncShutdown()  // the server finishes its last requests,
await publisher.shutdown()  // then their step is published
