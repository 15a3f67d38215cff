import Synchronization

/// The registry's cold path: the one map from ``MeterId`` to meter, its cap, and meter expiry.
///
/// Creation, collection and expiry take its lock; looking up an existing meter does not (that is
/// ``ShardedLookup``'s job).
final class MeterStore: Sendable {
    private final class Entry: Sendable {
        let meter: any RegisteredMeter
        /// Monotonic nanoseconds of the last collection that found the meter active.
        let lastActivity: Atomic<Int64>
        let typeConflictReported = Atomic<Bool>(false)

        init(meter: any RegisteredMeter, now: Int64) {
            self.meter = meter
            self.lastActivity = Atomic(now)
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
    private let entries = Mutex<[MeterId: Entry]>([:])
    private let refusals = Atomic<Int>(0)
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
                log("a meter with an empty name was requested (tags: \(id.tags)); it gets a no-op meter")
            }
            return nil
        }
        let now = clock.monotonicNanos()
        let resolution: Resolution<M> = entries.withLock { entries in
            if let entry = entries[id] {
                if let meter = entry.meter as? M { return .found(meter) }
                let first = !entry.typeConflictReported.exchange(true, ordering: .relaxed)
                return .conflict(existing: entry.meter, firstReport: first)
            }
            guard entries.count < maxMeters else {
                return .refused(firstRefusal: refusals.wrappingAdd(1, ordering: .relaxed).oldValue == 0)
            }
            let meter = make(id)
            entries[id] = Entry(meter: meter, now: now)
            return .created(meter)
        }
        switch resolution {
        case .found(let meter), .created(let meter):
            return meter
        case .conflict(let existing, let firstReport):
            if firstReport {
                log("\(id) is registered as a \(type(of: existing)), not a \(M.self); that request gets a no-op meter")
            }
            return nil
        case .refused(let firstRefusal):
            if firstRefusal {
                log("the registry holds its maximum of \(maxMeters) meters; new ids get no-op meters from now on")
            }
            return nil
        }
    }

    /// Collects every meter and then lets go of the meters that were idle for the meter TTL and that
    /// nobody else holds.
    ///
    /// A meter the service still holds is never dropped: it stays registered, so its updates keep
    /// being published.
    func collect(into measurements: inout [Measurement], lookup: ShardedLookup) {
        let now = clock.monotonicNanos()
        var idle: [MeterId] = []
        do {
            let snapshot = entries.withLock { $0 }
            for (id, entry) in snapshot {
                if entry.meter.collect(into: &measurements) {
                    entry.lastActivity.store(now, ordering: .relaxed)
                } else if now &- entry.lastActivity.load(ordering: .relaxed) >= meterTTLNanos {
                    idle.append(id)
                }
            }
        }
        if !idle.isEmpty {
            expire(idle, now: now, into: &measurements, lookup: lookup)
        }
    }

    private func expire(_ idle: [MeterId], now: Int64, into measurements: inout [Measurement], lookup: ShardedLookup) {
        // First make the warm path forget them, so that only a holder or the cold path can reach them.
        let idleMeters = entries.withLock { entries in
            Set(idle.compactMap { id in entries[id].map { ObjectIdentifier($0.meter) } })
        }
        lookup.removeAll(idleMeters)
        // Then, under the lock the cold path needs, keep what somebody still holds.
        entries.withLock { entries in
            for id in idle {
                guard var meter = entries.removeValue(forKey: id)?.meter else { continue }
                if isKnownUniquelyReferenced(&meter) {
                    _ = meter.collect(into: &measurements)
                } else {
                    entries[id] = Entry(meter: meter, now: now)
                }
            }
        }
    }
}
