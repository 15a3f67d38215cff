import Synchronization

/// Turns samples of an ever-growing unsigned 64-bit total into per-step increments, e.g. bytes a
/// network interface has sent (`statistic=count`).
///
/// ```swift
/// let sent = registry.monotonicCounterUInt64("net.bytesSent")
/// sent.set(interfaceStats.txBytes)
/// ```
///
/// The first sample only sets the baseline; each step then counts the growth from the previous step's
/// last sample (or the baseline) to its own. A sample below that is taken as the total wrapping past
/// `UInt64.max`, as SpectatorD's `U` meter does, and the growth is counted across the wrap — once per
/// step: a total that wraps twice between two collections loses a wrap's worth.
public final class MonotonicCounterUInt64: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let latest = Atomic<UInt64>(0)
    /// The first sample ever, the baseline of the first step; meaningful once ``hasFirst``.
    private let first = Atomic<UInt64>(0)
    private let hasFirst = Atomic<Bool>(false)
    /// The sample the previous step ended at, once a step has been collected.
    private let previous = Atomic<UInt64>(0)
    private let hasPrevious = Atomic<Bool>(false)

    @usableFromInline static let noop = MonotonicCounterUInt64(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    /// Records the current total.
    @inline(__always)
    public func set(_ cumulative: UInt64) {
        latest.store(cumulative, ordering: .relaxed)
        if !hasFirst.load(ordering: .relaxed) {
            first.store(cumulative, ordering: .relaxed)
            hasFirst.store(true, ordering: .releasing)
        }
    }

    @usableFromInline static var kind: MeterKind { .monotonicCounterUInt64 }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        guard hasFirst.load(ordering: .acquiring) else { return false }
        let current = latest.load(ordering: .relaxed)
        let start =
            hasPrevious.exchange(true, ordering: .relaxed)
            ? previous.load(ordering: .relaxed) : first.load(ordering: .relaxed)
        previous.store(current, ordering: .relaxed)
        let increment = current &- start
        if increment > 0 {
            writer.emit(id, id.hasOwnStatistic ? nil : .count, Double(increment), .delta)
        }
        return increment > 0
    }
}
