import Foundation

@testable import Spectator

/// Runs each body on its own thread, all at once, and returns when all have finished.
func runOnThreads(_ bodies: [@Sendable () -> Void]) {
    let done = DispatchSemaphore(value: 0)
    for body in bodies {
        let thread = Thread {
            body()
            done.signal()
        }
        thread.start()
    }
    for _ in bodies { done.wait() }
}

extension Exporter {
    /// Exports measurements taken earlier, as one step.
    func export(_ measurements: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport {
        // An empty registry adds nothing before the measurements.
        export(StepMeasurements(registry: Registry(), own: measurements, timestampMillis: timestampMillis))
    }
}

/// Whether `condition` becomes true within `limit`, asked every millisecond: for waiting on an event
/// without betting on how long it takes.
func eventually(within limit: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let start = ContinuousClock.now
    while !condition() {
        guard ContinuousClock.now - start < limit else { return false }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return true
}

/// The lines one step sends for `registry`, without the publisher's own.
func stepLines(_ registry: Registry) -> [String] {
    let encoder = LineProtocolFormat(commonTags: [])
    return registry.collect().map(encoder.line)
}
