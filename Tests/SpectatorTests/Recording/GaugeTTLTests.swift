import Foundation
import Testing

@testable import Spectator

@Suite("Gauge TTL")
struct GaugeTTLTests {
    @Test("a gauge with a TTL is sent as g,<TTL left> and stops once not set for the TTL; setting it again resumes")
    func expiry() {
        let clock = ManualClock()
        let registry = Registry(clock: clock)
        let gauge = registry.gauge("worker.batch", ttl: .seconds(10))
        gauge.set(3)
        #expect(stepLines(registry) == ["g,10:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(4))
        // What is left of the TTL, so the sidecar still drops it 10 s after the update.
        #expect(stepLines(registry) == ["g,6:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(3))
        #expect(stepLines(registry) == ["g,5:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(2))
        #expect(stepLines(registry) == ["g,5:worker.batch,statistic=gauge:3"])
        clock.advance(by: .seconds(2))
        #expect(stepLines(registry).isEmpty)
        gauge.set(4)
        #expect(stepLines(registry) == ["g,10:worker.batch,statistic=gauge:4"])
        #expect(registry.gauge("worker.batch") === gauge)
    }

    @Test("a TTL below SpectatorD's 5 s minimum is raised to it; a plain gauge never expires")
    func minimum() {
        let clock = ManualClock()
        let registry = Registry(clock: clock)
        registry.gauge("short", ttl: .milliseconds(10)).set(1)
        registry.gauge("plain").set(2)
        #expect(Set(stepLines(registry)) == ["g,5:short,statistic=gauge:1", "g:plain,statistic=gauge:2"])
        clock.advance(by: .seconds(3600))
        #expect(stepLines(registry) == ["g:plain,statistic=gauge:2"])
    }
}
