import Configuration
import HelloService
import Hummingbird
import Logging
import Metrics
import Spectator
import SpectatorConfigReader
import SpectatorLifecycle
import SpectatorMetrics

let logger = Logger(label: "hello")
// One reader for the whole service: SPECTATOR_STEP is `spectator.step`, HTTP_PORT is `http.port`.
let config = ConfigReader(provider: EnvironmentVariablesProvider())
let configuration = SpectatorConfiguration(reader: config, log: .logger(logger))
let registry = Registry(configuration: configuration)
registry.registerProcessMetrics()  // CPU, memory, descriptors, threads: fh.*, swift.*
MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry))

let app = Application(
    router: buildRouter(),
    configuration: ApplicationConfiguration(reader: config.scoped(to: "http")),
    services: [SpectatorService(registry: registry, configuration: configuration)],
    logger: logger
)
try await app.runService()
