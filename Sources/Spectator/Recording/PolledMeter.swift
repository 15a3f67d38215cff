import Synchronization

/// A meter whose value the registry samples at each collection, by calling a function on an object
/// it holds weakly: a gauge (`pool.size` from `{ $0.count }`) or a monotonic counter (bytes sent
/// from `{ $0.bytesSent }`, published as its growth per step). Create one with
/// ``Registry/polledGauge(_:tags:of:_:)`` or ``Registry/polledMonotonicCounter(_:tags:of:_:)``.
///
/// ```swift
/// registry.polledGauge("db.pool.size", of: pool) { Double($0.count) }
/// ```
///
/// Sampling runs on the thread that collects (the publisher's), never on the caller's. When the
/// object is gone, the meter stops publishing and the registry removes it. The function should be
/// quick and must not trap: a slow one delays that step's publishing, and Swift offers no way to
/// recover from a trap — it ends the process wherever it happens. NaN and infinite samples are
/// skipped.
public final class PolledMeter: Sendable, RegisteredMeter {
    /// What the meter publishes from its samples.
    enum Reading: Sendable {
        /// The sample, as a gauge.
        case gauge
        /// The growth of the sample since the previous step, as a count.
        case monotonicCounter
    }

    /// The meter's identity.
    public let id: MeterId

    private let reading: Reading
    /// The sample, or `nil` once the object is gone.
    private let sample: @Sendable () -> Double?
    /// The previous step's sample, for a monotonic counter; NaN before the first.
    private let previous = AtomicDouble(.nan)
    private let objectIsGone = Atomic<Bool>(false)

    @usableFromInline static let noop = PolledMeter(id: .noop, reading: .gauge) { nil }

    init(id: MeterId, reading: Reading, sample: @escaping @Sendable () -> Double?) {
        self.id = id
        self.reading = reading
        self.sample = sample
    }

    @usableFromInline
    convenience init(id: MeterId) {
        self.init(id: id, reading: .gauge) { nil }
    }

    /// Whether the sampled object is gone, so the registry can let the meter go.
    var isDefunct: Bool { objectIsGone.load(ordering: .relaxed) }

    @usableFromInline static var kind: MeterKind { .polled }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        guard let value = sample() else {
            objectIsGone.store(true, ordering: .relaxed)
            return false
        }
        guard value.isFinite else { return true }
        switch reading {
        case .gauge:
            writer.emit(id, id.hasOwnStatistic ? nil : .gauge, value, .gauge)
        case .monotonicCounter:
            let before = previous.exchange(value)
            if value > before {
                writer.emit(id, id.hasOwnStatistic ? nil : .count, value - before, .delta)
            }
        }
        return true
    }
}
