/// Reports the largest value set during each step (`statistic=max`), e.g. the deepest a queue got.
///
/// ```swift
/// let depth = registry.maxGauge("worker.queueDepth")
/// depth.set(Double(queue.count))
/// ```
///
/// Any finite value counts, negative ones too; NaN and ±infinity are ignored. A step in which nothing
/// was set reports nothing. Only a new maximum writes to memory.
public final class MaxGauge: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let maximum = AtomicDouble(-.infinity)

    @usableFromInline static let noop = MaxGauge(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    /// Offers `value` as the step's maximum.
    @inline(__always)
    public func set(_ value: Double) {
        guard value.isFinite else { return }
        maximum.raiseToMaximum(value)
    }

    @usableFromInline static var kind: MeterKind { .maxGauge }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        let value = maximum.exchange(-.infinity)
        guard value.isFinite else { return false }
        writer.emit(id, .max, value, .max)
        return true
    }
}
