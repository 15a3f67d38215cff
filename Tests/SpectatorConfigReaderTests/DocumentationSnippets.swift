#if Configuration
// The README and DocC snippets that use SpectatorConfigReader, verbatim (less their `import` lines), so that the
// test build compiles them; `DocumentationSnippetTests` (SpectatorTests) checks that they still
// appear here as written. Nothing here runs.

import Configuration
import Spectator
import SpectatorConfigReader

private enum ReadmeSnippets {
    static func configReader() {
        let config = ConfigReader(providers: [
            EnvironmentVariablesProvider(),
            InMemoryProvider(values: ["spectator.step": "10s"]),
        ])
        let configuration = SpectatorConfiguration(reader: config)
        _ = configuration
    }
}
#endif
