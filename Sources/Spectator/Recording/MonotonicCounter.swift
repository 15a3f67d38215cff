/// Turns samples of an ever-growing total into per-step increments, e.g. bytes a kernel counter
/// has seen so far.
///
/// ```swift
/// let received = registry.monotonicCounter("net.bytesReceived")
/// received.set(Double(interfaceStats.rxBytes))
/// ```
///
/// Each step publishes `count` = the latest sample minus the one at the previous step, when it grew.
/// The first sample only sets the baseline; a sample lower than the baseline (the source restarted)
/// sets a new baseline and reports nothing. NaN and ±infinity are ignored.
public final class MonotonicCounter: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let latest = AtomicDouble(.nan)
    private let baseline = AtomicDouble(.nan)

    @usableFromInline static let noop = MonotonicCounter(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    /// Records the current cumulative value.
    @inline(__always)
    public func set(_ cumulative: Double) {
        guard cumulative.isFinite else { return }
        latest.store(cumulative)
    }

    @usableFromInline static var kind: MeterKind { .monotonicCounter }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        let current = latest.load()
        guard !current.isNaN else { return false }
        let previous = baseline.exchange(current)
        if current > previous {
            writer.emit(id, id.hasOwnStatistic ? nil : .count, current - previous, .delta)
        }
        return current != previous
    }
}
