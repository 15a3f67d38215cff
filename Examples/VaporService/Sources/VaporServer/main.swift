import HelloVapor
import Spectator
import Vapor

let configuration = SpectatorConfiguration()
let registry = Registry(configuration: configuration)
registry.registerProcessMetrics()
let publisher = Publisher(registry: registry, configuration: configuration)
publisher.start()

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    configure(app, registry: registry)
    try await app.execute()  // `serve --port N`: serves until SIGTERM or SIGINT
} catch {
    try? await app.asyncShutdown()
    await publisher.shutdown()
    throw error
}
try await app.asyncShutdown()  // the server finishes its last requests,
await publisher.shutdown()  // then their step is published
