#if Lifecycle
// The README and DocC snippets that use SpectatorLifecycle, verbatim (less their `import` lines), so that the
// test build compiles them; `DocumentationSnippetTests` (SpectatorTests) checks that they still
// appear here as written. Nothing here runs.

import Logging
import ServiceLifecycle
import Spectator
import SpectatorLifecycle

/// What the snippet takes as given.
private struct Worker: Service {
    func run() async throws {}
}

private enum ReadmeSnippets {
    static func serviceGroup() async throws {
        let worker = Worker()
        let logger = Logger(label: "my-service")
        let configuration = SpectatorConfiguration(log: .logger(logger))
        let registry = Registry(configuration: configuration)
        let spectator = SpectatorService(registry: registry, configuration: configuration)

        let group = ServiceGroup(
            services: [spectator, worker],  // the publisher first: it stops last
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        try await group.run()
    }
}
#endif
