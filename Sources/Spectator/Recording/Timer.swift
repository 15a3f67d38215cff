/// Measures how long something takes.
///
/// Each step publishes `count`, `totalTime` (seconds), `totalOfSquares` (s²) and `max` (seconds).
///
/// ```swift
/// let latency = registry.timer("server.requestLatency", tags: ["endpoint": "/users"])
/// latency.record(.milliseconds(42))
/// let result = try latency.time { try handle(request) }
/// ```
public final class Timer: DurationRecording, Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let distribution = StepDistribution()

    @usableFromInline static let noop = Timer(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    @inline(__always)
    public func record(nanoseconds: Int64) {
        guard nanoseconds >= 0 else { return }
        distribution.record(whole: UInt64(nanoseconds))
    }

    @usableFromInline static var kind: MeterKind { .timer }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        distribution.collect(id: id, divisor: 1e9, totalStatistic: .totalTime, into: &writer)
    }
}
