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
///
/// A gauge created with a TTL (``Registry/gauge(_:tags:ttl:)``) stops reporting once it has not been
/// set for that long, and reports again when set. SpectatorD is told the TTL that is left (`g,<seconds>:`
/// lines), so the sidecar drops it when it would have dropped a per-event line's gauge; SpectatorD's
/// minimum, 5 s, is also the least TTL here, and the least sent. A TTL counts in whole seconds, and one
/// longer than `Int64.max` nanoseconds (about 292 years) as that.
public final class Gauge: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let bits = Atomic<UInt64>(Double.nan.bitPattern)
    private let updated = Atomic<Bool>(false)
    /// When the gauge stops reporting, if it has a TTL.
    private let expiry: Expiry?

    /// SpectatorD's least gauge TTL.
    public static let minimumTTL: Duration = .seconds(5)

    @usableFromInline static let noop = Gauge(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
        expiry = nil
    }

    /// A gauge that stops reporting after `ttl` (at least ``minimumTTL``, whole seconds) without a `set`.
    @usableFromInline
    init(id: MeterId, ttl: Duration, clock: any SpectatorClock) {
        self.id = id
        expiry = Expiry(ttl: ttl, clock: clock)
    }

    /// A TTL and the time of the last update, on the registry's clock. Updates are noticed at
    /// collection, so `set` stays two stores.
    private final class Expiry: Sendable {
        /// The TTL in whole seconds, as nanoseconds; one past `Int64.max` nanoseconds (292 years)
        /// saturates there.
        let ttlNanos: Int64
        let clock: any SpectatorClock
        let lastUpdateNanos: Atomic<Int64>

        init(ttl: Duration, clock: any SpectatorClock) {
            ttlNanos = Duration.seconds(max(ttl, Gauge.minimumTTL).components.seconds).wholeNanoseconds
            self.clock = clock
            lastUpdateNanos = Atomic(clock.monotonicNanos())
        }

        /// Notes an update seen at this collection; returns the whole seconds of the TTL left (at least
        /// SpectatorD's minimum), or `nil` once it has run out.
        ///
        /// Sending what is left rather than the whole TTL keeps a sidecar's expiry where the last
        /// update put it: every step's line would otherwise push it a step further.
        func remainingSeconds(updated: Bool) -> Int? {
            let now = clock.monotonicNanos()
            if updated { lastUpdateNanos.store(now, ordering: .relaxed) }
            let elapsed = max(0, now &- lastUpdateNanos.load(ordering: .relaxed))
            let left = ttlNanos - elapsed
            guard left > 0 else { return nil }
            let (wholeSeconds, rest) = left.quotientAndRemainder(dividingBy: 1_000_000_000)
            return max(Int(wholeSeconds) + (rest > 0 ? 1 : 0), Int(Gauge.minimumTTL.components.seconds))
        }
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
        var kind = MeterMeasurement.Kind.gauge
        if let expiry {
            guard let remaining = expiry.remainingSeconds(updated: wasUpdated) else { return false }
            kind = .expiringGauge(ttlSeconds: remaining)
        }
        let value = value
        if value.isFinite {
            writer.emit(id, id.hasOwnStatistic ? nil : .gauge, value, kind)
        }
        return wasUpdated
    }
}
