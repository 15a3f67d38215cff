import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("Age gauge against a reference sidecar")
struct SidecarModelTests {
    @Test(
        "random successes and steps: after each step the sidecar has the time of the last success, as per-event A lines give it"
    )
    func model() {
        var random = SystemRandomNumberGenerator()
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let registry = Registry(clock: clock)
        let age = registry.ageGauge("age")
        var millis: Int64 = 1_700_000_000_000
        // SpectatorD fed one `A` line per success: the last success's time.
        var perEvent: Double?
        // SpectatorD fed our steps' lines.
        var fromSteps: Double?
        for _ in 0..<2_000 {
            if Bool.random(using: &random) {
                age.setNow()
                perEvent = Double(millis) / 1000
            } else {
                for line in stepLines(registry) {
                    let parsed = ProtocolLine(line)!
                    #expect(parsed.type == "A")
                    fromSteps = parsed.value
                }
                #expect(fromSteps == perEvent)
            }
            let advance = Int64.random(in: 0..<5_000, using: &random)
            clock.advance(by: .milliseconds(advance))
            millis += advance
        }
    }
}
