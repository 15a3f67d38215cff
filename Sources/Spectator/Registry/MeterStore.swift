import Synchronization

/// The registry's cold path: the one map from ``MeterId`` to meter, its cap, and meter expiry.
///
/// Creation, collection and expiry take its lock; looking up an existing meter does not (that is
/// ``ShardedLookup``'s job).
final class MeterStore: Sendable {
    /// What the store keeps per id: the meter and its bookkeeping.
    private protocol Entry: AnyObject, Sendable {
        var meter: any RegisteredMeter { get }
        /// ``RegisteredMeter/collect(into:)`` of the meter, without going through an existential.
        func collect(into measurements: inout [MeterMeasurement]) -> Bool
        /// Monotonic nanoseconds of the last collection that found the meter active.
        var lastActivity: Int64 { get }
        func markActive(at now: Int64)
        /// `true` the first time it is called: a type conflict on this id is reported once.
        func claimTypeConflictReport() -> Bool
        /// Whether anybody besides this entry holds the meter.
        func isMeterHeldElsewhere() -> Bool
        /// Whether the meter was removed and goes once the next collection has published it.
        var isRetired: Bool { get }
        func setRetired(_ retired: Bool)
    }

    /// An entry that knows its meter's concrete type, which `isKnownUniquelyReferenced` needs: given
    /// an existential it answers `false` in debug builds, which copy the existential first.
    private final class TypedEntry<M: RegisteredMeter>: Entry, @unchecked Sendable {
        // @unchecked: `typedMeter` is a `var` only to be passed `inout` to `isKnownUniquelyReferenced`;
        // it is never reassigned. Everything else is atomic.
        private var typedMeter: M
        private let lastActivityNanos: Atomic<Int64>
        private let typeConflictReported = Atomic<Bool>(false)
        private let retired = Atomic<Bool>(false)

        init(_ meter: M, now: Int64) {
            typedMeter = meter
            lastActivityNanos = Atomic(now)
        }

        var concreteMeter: M { typedMeter }

        var meter: any RegisteredMeter { typedMeter }

        func collect(into measurements: inout [MeterMeasurement]) -> Bool {
            typedMeter.collect(into: &measurements)
        }

        var lastActivity: Int64 { lastActivityNanos.load(ordering: .relaxed) }

        func markActive(at now: Int64) {
            lastActivityNanos.store(now, ordering: .relaxed)
        }

        func claimTypeConflictReport() -> Bool {
            !typeConflictReported.exchange(true, ordering: .relaxed)
        }

        func isMeterHeldElsewhere() -> Bool {
            !isKnownUniquelyReferenced(&typedMeter)
        }

        var isRetired: Bool { retired.load(ordering: .relaxed) }

        func setRetired(_ value: Bool) {
            retired.store(value, ordering: .relaxed)
        }
    }

    private enum Resolution<M> {
        case found(M)
        case created(M)
        case conflict(existing: any RegisteredMeter, firstReport: Bool)
        case refused(firstRefusal: Bool)
    }

    let maxMeters: Int
    private let meterTTLNanos: Int64
    private let clock: any SpectatorClock
    private let log: LogSink
    private let entries = Locked<[MeterId: any Entry]>([:])
    private let refusals = Atomic<Int>(0)
    /// Monotonic nanoseconds before which a collection does not look for idle meters.
    private let nextIdleScan = Atomic<Int64>(0)
    private let invalidIdReported = Atomic<Bool>(false)

    init(maxMeters: Int, meterTTL: Duration, clock: any SpectatorClock, log: LogSink) {
        self.maxMeters = max(0, maxMeters)
        self.meterTTLNanos = max(0, meterTTL.wholeNanoseconds)
        self.clock = clock
        self.log = log
    }

    /// The number of meters registered.
    var count: Int { entries.withLock { $0.count } }

    /// How many requests for a new meter the cap has refused.
    var refusedCount: Int { refusals.load(ordering: .relaxed) }

    /// The meter registered for `id`, created by `make` if there is none; `nil` when the id is invalid,
    /// is registered as another type, or the registry is full. Each of those is reported once.
    func resolve<M: RegisteredMeter>(_ id: MeterId, make: (MeterId) -> M) -> M? {
        guard id.isValid else {
            if !invalidIdReported.exchange(true, ordering: .relaxed) {
                log(.emptyName(tags: id.tags))
            }
            return nil
        }
        let now = clock.monotonicNanos()
        let resolution: Resolution<M> = entries.withLock { entries in
            if let entry = entries[id] {
                if let typed = entry as? TypedEntry<M> {
                    typed.setRetired(false)
                    return .found(typed.concreteMeter)
                }
                return .conflict(existing: entry.meter, firstReport: entry.claimTypeConflictReport())
            }
            guard entries.count < maxMeters else {
                return .refused(firstRefusal: refusals.wrappingAdd(1, ordering: .relaxed).oldValue == 0)
            }
            let meter = make(id)
            entries[id] = TypedEntry(meter, now: now)
            return .created(meter)
        }
        switch resolution {
        case .found(let meter), .created(let meter):
            return meter
        case .conflict(let existing, let firstReport):
            if firstReport {
                log(.typeConflict(id, registered: "\(type(of: existing))", requested: "\(M.self)"))
            }
            return nil
        case .refused(let firstRefusal):
            if firstRefusal {
                log(.registryFull(maxMeters: maxMeters))
            }
            return nil
        }
    }

    /// Removes the meter with `id` once the next collection has published what it recorded; a
    /// request for the id before then keeps it. The warm path forgets it at once.
    func remove(_ id: MeterId, lookup: ShardedLookup) {
        let meter: (any RegisteredMeter)? = entries.withLock { entries in
            guard let entry = entries[id] else { return nil }
            entry.setRetired(true)
            return entry.meter
        }
        if let meter { lookup.removeAll([ObjectIdentifier(meter)]) }
    }

    /// Lets go of the meters that were idle for the meter TTL and that nobody else holds, then collects
    /// every meter, the released ones included, so what reached them last is still published.
    ///
    /// A meter the service still holds is never dropped: it stays registered, so its updates keep
    /// being published.
    func collect(into measurements: inout [MeterMeasurement], lookup: ShardedLookup) {
        let now = clock.monotonicNanos()
        // Looking for idle meters costs a pass over all of them; a quarter of the TTL (at most a
        // minute) between passes bounds how late a meter expires without paying it every step.
        let scanForIdle = now >= nextIdleScan.load(ordering: .relaxed)
        if scanForIdle {
            nextIdleScan.store(now &+ min(meterTTLNanos / 4, 60_000_000_000), ordering: .relaxed)
        }
        let (registered, released): ([MeterId: any Entry], [any Entry]) = entries.withLock { entries in
            guard scanForIdle else { return (entries, []) }
            let idle = entries.filter { now &- $0.value.lastActivity >= meterTTLNanos }
            guard !idle.isEmpty else { return (entries, []) }
            // Make the warm path forget them first; under this lock the cold path cannot hand them out
            // either, so a meter nobody else holds now can never be recorded into again.
            lookup.removeAll(Set(idle.values.map { ObjectIdentifier($0.meter) }))
            var released: [any Entry] = []
            for (id, entry) in idle {
                if entry.isMeterHeldElsewhere() {
                    entry.markActive(at: now)
                } else {
                    entries[id] = nil
                    released.append(entry)
                }
            }
            return (entries, released)
        }
        var retired: [MeterId] = []
        for (id, entry) in registered {
            if entry.collect(into: &measurements) { entry.markActive(at: now) }
            if entry.isRetired { retired.append(id) }
        }
        if !retired.isEmpty {
            entries.withLock { entries in
                for id in retired where entries[id]?.isRetired == true { entries[id] = nil }
            }
        }
        for entry in released {
            _ = entry.collect(into: &measurements)
        }
    }
}
