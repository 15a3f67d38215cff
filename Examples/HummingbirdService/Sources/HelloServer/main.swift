import HelloService
import Hummingbird
import Logging
import Metrics
import Spectator
import SpectatorLifecycle
import SpectatorMetrics

let logger = Logger(label: "hello")
let configuration = SpectatorConfiguration(log: .logger(logger))
let registry = Registry(configuration: configuration)
registry.registerProcessMetrics()  // CPU, memory, descriptors, threads: fh.*, swift.*
MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry))

let port = Int(SpectatorConfiguration.processEnvironment["PORT"] ?? "") ?? 8080
let app = Application(
    router: buildRouter(),
    configuration: .init(address: .hostname("127.0.0.1", port: port)),
    services: [SpectatorService(registry: registry, configuration: configuration)],
    logger: logger
)
try await app.runService()
