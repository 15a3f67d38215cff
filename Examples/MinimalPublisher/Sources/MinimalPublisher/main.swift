import Spectator

// Publishes one counter to SPECTATOR_OUTPUT_LOCATION (SpectatorD's UDP port by default) and stops.
let configuration = SpectatorConfiguration()
let registry = Registry(configuration: configuration)
let publisher = Publisher(registry: registry, configuration: configuration)
registry.counter("server.requestCount", tags: ["status": "200"]).increment()
publisher.flush()
publisher.stop()
