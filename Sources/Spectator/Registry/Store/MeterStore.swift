import Synchronization

/// The registry's cold path and its step walk: every meter in one flat array, the map from
/// ``MeterId`` to its place there, the cap, and meter expiry.
///
/// Creation, collection and expiry take its lock; looking up an existing meter does not (that is
/// ``ShardedLookup``'s job). A collection copies the array under the lock (a reference count, unless a
/// meter is created meanwhile) and walks it outside: each meter is collected through a `switch` on its
/// ``MeterKind``, so the walk calls each meter's own `collect` with the writer that receives the values,
/// with no dictionary iteration, existential dispatch or intermediate measurements.
final class MeterStore: Sendable {
    private struct State: Sendable {
        var entries: [StoreEntry] = []
        var positions = IndexTable()

        /// The position of the meter with `id`.
        func position(of id: MeterId) -> Int? {
            positions.find(id) { MeterStore.id(of: entries[$0]) }
        }

        /// Appends `entry` for `id`.
        mutating func append(_ entry: StoreEntry, id: MeterId) {
            entries.append(entry)
            positions.insert(id, at: entries.count - 1) { [entries] in MeterStore.id(of: entries[$0]) }
        }

        /// Drops the entries `isRemoved` picks and renumbers the rest.
        mutating func removeAll(where isRemoved: (StoreEntry) -> Bool) {
            entries.removeAll(where: isRemoved)
            positions = IndexTable(entries.lazy.map(MeterStore.id(of:)))
        }
    }

    private enum Resolution<M> {
        case found(M)
        case created(M)
        case conflict(existing: MeterKind, firstReport: Bool)
        case refused(firstRefusal: Bool)
    }

    let maxMeters: Int
    /// The most entries reserved up front.
    private static let reservedEntries = 1 << 20
    private let meterTTLMicros: Int64
    private let clock: any SpectatorClock
    /// The clock's monotonic nanoseconds when the store was created: entries keep time in
    /// microseconds since then (``StoreEntry/lastActivity``).
    private let origin: Int64
    private let log: LogSink
    private let state: Locked<State>
    /// Serialises collections, so that each value is taken by exactly one of them.
    private let collecting = Locked(())
    private let refusals = Atomic<Int>(0)
    /// Microseconds since `origin` before which a collection does not look for idle meters.
    private let nextIdleScan = Atomic<Int64>(0)
    private let invalidIdReported = Atomic<Bool>(false)

    init(maxMeters: Int, meterTTL: Duration, clock: any SpectatorClock, log: LogSink) {
        self.maxMeters = max(0, maxMeters)
        var state = State()
        // Address space for the cap (up to a million entries, 16 MB) so that the array never moves as
        // it grows: memory becomes resident only as entries are added.
        state.entries.reserveCapacity(min(self.maxMeters, Self.reservedEntries))
        self.state = Locked(state)
        self.meterTTLMicros = max(0, meterTTL.wholeNanoseconds / 1000)
        self.clock = clock
        self.origin = clock.monotonicNanos()
        self.log = log
    }

    /// Microseconds on the clock since the store was created.
    private func elapsedMicros() -> Int64 {
        max(0, (clock.monotonicNanos() &- origin) / 1000)
    }

    /// The number of meters registered.
    var count: Int { state.withLock { $0.entries.count } }

    /// How many requests for a new meter the cap has refused.
    var refusedCount: Int { refusals.load(ordering: .relaxed) }

    /// The meter registered for `id`, created by `make` if there is none; `nil` when the id is invalid,
    /// is registered as another type, or the registry is full. Each of those is reported once.
    func resolve<M: RegisteredMeter>(_ id: MeterId, make: (MeterId, any SpectatorClock) -> M) -> M? {
        guard id.isValid else {
            if !invalidIdReported.exchange(true, ordering: .relaxed) {
                log(.emptyName(tags: id.tags))
            }
            return nil
        }
        let now = elapsedMicros()
        let resolution: Resolution<M> = state.withLock { state in
            if let index = state.position(of: id) {
                let entry = state.entries[index]
                if entry.kind == M.kind {
                    state.entries[index].isRetired = false
                    return .found(unsafeDowncast(entry.meter, to: M.self))
                }
                state.entries[index].typeConflictReported = true
                return .conflict(existing: entry.kind, firstReport: !entry.typeConflictReported)
            }
            guard state.entries.count < maxMeters else {
                return .refused(firstRefusal: refusals.wrappingAdd(1, ordering: .relaxed).oldValue == 0)
            }
            let meter = make(id, clock)
            state.append(StoreEntry(meter: meter, kind: M.kind, lastActivity: now), id: id)
            return .created(meter)
        }
        switch resolution {
        case .found(let meter), .created(let meter):
            return meter
        case .conflict(let existing, let firstReport):
            if firstReport {
                log(.typeConflict(id, registered: Self.typeName(existing), requested: "\(M.self)"))
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
        let meter: AnyObject? = state.withLock { state in
            guard let index = state.position(of: id) else { return nil }
            state.entries[index].isRetired = true
            return state.entries[index].meter
        }
        if let meter { lookup.removeAll([ObjectIdentifier(meter)]) }
    }

    /// Lets go of the meters that were idle for the meter TTL and that nobody else holds, then collects
    /// every meter into `writer`, the released ones included, so what reached them last is still
    /// published.
    ///
    /// A meter the service still holds is never dropped: it stays registered, so its updates keep
    /// being published.
    func collect<Writer: MeasurementWriter>(into writer: inout Writer, lookup: ShardedLookup) {
        collecting.withLock { _ in
            let now = elapsedMicros()
            let released = scanForIdle(now: now) ? releaseIdle(now: now, lookup: lookup) : []
            var active: [Bool] = []
            walk: do {
                // The copy shares the array; it is let go before the array is written again below.
                let entries = state.withLock { $0.entries }
                // No array for an empty registry: one built with no capacity writes its count into the
                // empty array every thread shares (ThreadSanitizer saw two empty registries collected).
                guard !entries.isEmpty else { break walk }
                // `entries` holds every meter for the walk: each is visited without a retain of its own.
                active = entries.withUnsafeBufferPointer { entries in
                    [Bool](unsafeUninitializedCapacity: entries.count) { active, initialized in
                        for index in entries.indices {
                            let meter = Unmanaged.passUnretained(entries[index].meter)
                            active.initializeElement(
                                at: index,
                                to: Self.collect(meter, kind: entries[index].kind, into: &writer)
                            )
                        }
                        initialized = entries.count
                    }
                }
            }
            for entry in released {
                _ = Self.collect(Unmanaged.passUnretained(entry.meter), kind: entry.kind, into: &writer)
            }
            state.withLock { state in
                // Only collections remove entries, so the first `active.count` are the ones walked.
                var anyRetired = false
                // Polled meters whose object is gone.
                var defunct: Set<ObjectIdentifier> = []
                state.entries.withUnsafeMutableBufferPointer { entries in
                    for index in active.indices {
                        if active[index] { entries[index].lastActivity = now }
                        if entries[index].kind == .polled,
                            unsafeDowncast(entries[index].meter, to: PolledMeter.self).isDefunct
                        {
                            entries[index].isRetired = true
                            defunct.insert(ObjectIdentifier(entries[index].meter))
                        }
                        anyRetired = anyRetired || entries[index].isRetired
                    }
                }
                // The warm path forgets them before the store lets them go.
                if !defunct.isEmpty { lookup.removeAll(defunct) }
                if anyRetired {
                    state.removeAll { $0.isRetired }
                }
            }
        }
    }

    /// Whether this collection looks for idle meters. A pass costs a look at every meter; a quarter of
    /// the TTL (at most a minute) between passes bounds how late a meter expires without paying it
    /// every step.
    private func scanForIdle(now: Int64) -> Bool {
        guard now >= nextIdleScan.load(ordering: .relaxed) else { return false }
        nextIdleScan.store(now &+ min(meterTTLMicros / 4, 60_000_000), ordering: .relaxed)
        return true
    }

    /// Removes the idle meters nobody else holds, and returns them for a last collection.
    private func releaseIdle(now: Int64, lookup: ShardedLookup) -> [StoreEntry] {
        state.withLock { state in
            // Identifiers, not references: a reference held here would make every meter look held.
            let idle = Set(
                state.entries.lazy.filter { now &- $0.lastActivity >= self.meterTTLMicros }.map {
                    ObjectIdentifier($0.meter)
                }
            )
            guard !idle.isEmpty else { return [] }
            // Make the warm path forget them first; under this lock the cold path cannot hand them out
            // either, so a meter nobody else holds now can never be recorded into again.
            lookup.removeAll(idle)
            var released: [StoreEntry] = []
            for index in state.entries.indices where now &- state.entries[index].lastActivity >= meterTTLMicros {
                if Self.isHeldOnlyByStore(&state.entries[index]) {
                    released.append(state.entries[index])
                    state.entries[index].isRetired = true
                } else {
                    state.entries[index].lastActivity = now
                }
            }
            state.removeAll { $0.isRetired && now &- $0.lastActivity >= meterTTLMicros }
            return released
        }
    }

    /// Whether the entry holds the only reference to its meter. `isKnownUniquelyReferenced` is asked
    /// through the meter's concrete type: given the `AnyObject` it answers `false` in debug builds,
    /// which copy the reference first.
    private static func isHeldOnlyByStore(_ entry: inout StoreEntry) -> Bool {
        struct Uniqueness: MeterTypeVisitor {
            let meter: UnsafeMutablePointer<AnyObject>
            var isUnique = false
            mutating func visit<M: RegisteredMeter>(_ type: M.Type) {
                isUnique = meter.withMemoryRebound(to: M.self, capacity: 1) { isKnownUniquelyReferenced(&$0.pointee) }
            }
        }
        let kind = entry.kind
        return withUnsafeMutablePointer(to: &entry.meter) { meter in
            var uniqueness = Uniqueness(meter: meter)
            kind.visit(&uniqueness)
            return uniqueness.isUnique
        }
    }

    /// Collects one meter through its concrete type.
    /// Collects `meter`, a meter of `kind` that the caller keeps alive.
    private static func collect<Writer: MeasurementWriter>(
        _ meter: Unmanaged<AnyObject>,
        kind: MeterKind,
        into writer: inout Writer
    ) -> Bool {
        withUnsafeMutablePointer(to: &writer) { writer in
            var collection = MeterCollector(meter: meter, writer: writer)
            kind.visit(&collection)
            return collection.isActive
        }
    }

    /// The id of an entry's meter.
    private static func id(of entry: StoreEntry) -> MeterId {
        struct Identity: MeterTypeVisitor {
            let meter: AnyObject
            var id = MeterId.noop
            mutating func visit<M: RegisteredMeter>(_ type: M.Type) {
                id = unsafeDowncast(meter, to: M.self).id
            }
        }
        var identity = Identity(meter: entry.meter)
        entry.kind.visit(&identity)
        return identity.id
    }

    /// The type name of a kind of meter, for messages.
    private static func typeName(_ kind: MeterKind) -> String {
        struct TypeName: MeterTypeVisitor {
            var name = ""
            mutating func visit<M: RegisteredMeter>(_ type: M.Type) {
                name = "\(M.self)"
            }
        }
        var typeName = TypeName()
        kind.visit(&typeName)
        return typeName.name
    }
}

/// One meter of ``MeterStore`` and its bookkeeping, in two words: the meter, and its kind, two flags
/// and the time it was last active packed into the other.
struct StoreEntry: @unchecked Sendable {
    // @unchecked: `meter` is always a `RegisteredMeter`, and every meter is `Sendable`. It is stored as
    // `AnyObject` (one pointer) and its `kind` says which type to cast it to.
    var meter: AnyObject
    /// The kind's raw value in bits 0–7, ``isRetired`` in bit 8, ``typeConflictReported`` in bit 9,
    /// ``lastActivity`` in bits 10–63.
    private var bits: UInt64

    private static let retiredBit: UInt64 = 1 << 8
    private static let conflictBit: UInt64 = 1 << 9
    private static let flagBits: UInt64 = 0x3FF

    init(meter: AnyObject, kind: MeterKind, lastActivity: Int64) {
        self.meter = meter
        bits = UInt64(kind.rawValue)
        self.lastActivity = lastActivity
    }

    /// Which meter type ``meter`` is.
    var kind: MeterKind { MeterKind(rawValue: UInt8(truncatingIfNeeded: bits)).unsafelyUnwrapped }

    /// Microseconds since the store was created (54 bits: 570 years), at the last collection that found
    /// the meter active.
    var lastActivity: Int64 {
        get { Int64(bitPattern: bits >> 10) }
        set { bits = bits & Self.flagBits | UInt64(max(0, newValue)) << 10 }
    }

    /// Removed by ``MeterStore/remove(_:lookup:)``: it goes once the next collection has published it.
    var isRetired: Bool {
        get { bits & Self.retiredBit != 0 }
        set { bits = newValue ? bits | Self.retiredBit : bits & ~Self.retiredBit }
    }

    /// A type conflict on this id has been reported (once is enough).
    var typeConflictReported: Bool {
        get { bits & Self.conflictBit != 0 }
        set { bits = newValue ? bits | Self.conflictBit : bits & ~Self.conflictBit }
    }
}
