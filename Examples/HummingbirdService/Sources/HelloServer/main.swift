import Configuration
import HelloService
import Hummingbird
import Logging
import Spectator
import SpectatorConfigReader
import SpectatorLifecycle

let logger = Logger(label: "hello")
// One reader for the whole service: SPECTATOR_STEP is `spectator.step`, HTTP_PORT is `http.port`,
// UPSTREAM_URL is `upstream.url`.
let config = ConfigReader(provider: EnvironmentVariablesProvider())
let configuration = SpectatorConfiguration(reader: config, log: .logger(logger))
let registry = Registry(configuration: configuration)
registry.registerProcessMetrics()  // CPU, memory, descriptors, threads: fh.*, swift.*

let app = Application(
    router: buildRouter(registry: registry, upstreamURL: config.string(forKey: "upstream.url")),
    configuration: ApplicationConfiguration(reader: config.scoped(to: "http")),
    services: [SpectatorService(registry: registry, configuration: configuration)],
    logger: logger
)
// Serves until SIGTERM or SIGINT; then the last step is published.
try await app.runService()
