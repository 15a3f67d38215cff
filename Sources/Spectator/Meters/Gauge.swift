import Synchronization

/// Reports the last value set, every step (`statistic=gauge`), e.g. the number of open connections.
///
/// ```swift
/// let inFlight = registry.gauge("server.inFlight")
/// inFlight.set(12)
/// ```
///
/// A gauge keeps reporting its last value until it is set again. Setting NaN clears it: nothing is
/// reported until the next finite value; ±infinity is treated the same way.
public final class Gauge: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let bits = Atomic<UInt64>(Double.nan.bitPattern)
    private let updated = Atomic<Bool>(false)

    @usableFromInline static let noop = Gauge(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    /// Sets the value reported from now on.
    @inline(__always)
    public func set(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
        updated.store(true, ordering: .relaxed)
    }

    /// Adds `delta` to the value (a gauge with no value counts as 0); NaN and ±infinity are ignored.
    ///
    /// ```swift
    /// inFlight.add(1)   // a request started
    /// inFlight.add(-1)  // and finished
    /// ```
    public func add(_ delta: Double) {
        guard delta.isFinite else { return }
        var current = bits.load(ordering: .relaxed)
        while true {
            let value = Double(bitPattern: current)
            let next = ((value.isFinite ? value : 0) + delta).bitPattern
            let (exchanged, original) = bits.weakCompareExchange(expected: current, desired: next, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
        updated.store(true, ordering: .relaxed)
    }

    /// The value reported at the next step; NaN when there is none.
    public var value: Double {
        Double(bitPattern: bits.load(ordering: .relaxed))
    }

    @usableFromInline static var kind: MeterKind { .gauge }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        let wasUpdated = updated.exchange(false, ordering: .relaxed)
        let value = value
        if value.isFinite {
            writer.emit(id, id.hasOwnStatistic ? nil : .gauge, value, .gauge)
        }
        return wasUpdated
    }
}
