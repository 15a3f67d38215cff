#if Metrics
// The README and DocC snippets that use SpectatorMetrics, verbatim (less their `import` lines), so that the
// test build compiles them; `DocumentationSnippetTests` (SpectatorTests) checks that they still
// appear here as written. Nothing here runs.

import Metrics
import Spectator
import SpectatorMetrics

private enum ReadmeSnippets {
    static func metricsBackend() {
        let registry = Registry()
        MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry))
    }

    static func plainTimers(registry: Registry) {
        MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry, timers: .plain))
    }
}
#endif
