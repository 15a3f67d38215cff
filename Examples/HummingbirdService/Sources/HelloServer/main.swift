import Configuration
import Foundation
import HelloService
import Hummingbird
import Logging
import Spectator
import SpectatorConfigReader
import SpectatorLifecycle

// Everything comes from the environment; the command line takes only --help.
let arguments = CommandLine.arguments.dropFirst()
if !arguments.isEmpty {
    let help = arguments.first == "--help" || arguments.first == "-h"
    print(
        """
        HelloServer: a Hummingbird service reporting its calls as Common IPC metrics.
        Environment: HTTP_PORT (default 8080), UPSTREAM_URL (what GET /upstream calls),
        SPECTATOR_OUTPUT_LOCATION, SPECTATOR_STEP and the other SPECTATOR_* settings.
        """
    )
    if !help {
        FileHandle.standardError.write(Data("HelloServer: unexpected argument '\(arguments.first ?? "")'\n".utf8))
    }
    exit(help ? 0 : 2)
}

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
