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
    // Vapor has reported it (a wrong flag: with its usage); no trap for a bad command line.
    try? await app.asyncShutdown()
    await publisher.shutdown()
    exit(1)
}
try await app.asyncShutdown()  // the server finishes its last requests,
await publisher.shutdown()  // then their step is published
