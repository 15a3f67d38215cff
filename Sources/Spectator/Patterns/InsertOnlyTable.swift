/// Entries that threads find by hash without a lock, added under one and kept until the table goes:
/// what ``AdmittedValues`` and ``IpcSeriesTable`` share.
///
/// An open-addressed table (``OpenAddressing/Probe``) of at least twice `capacity` slots, each 0 or
/// the address of an entry the table retains. A slot is written once, under the lock, after its
/// entry is complete, so a reader that sees the address sees the entry; nothing is ever removed, so
/// a reader needs no retain.
final class InsertOnlyTable<Entry: AnyObject & Sendable>: Sendable {
    private let slots: AtomicCells<UInt>
    private let slotCount: Int
    /// How many entries the table takes at most.
    let capacity: Int
    /// How many entries it holds; changed under this lock, which also orders the slots' writes.
    private let inserted = Locked(0)

    /// An empty table that takes at most `capacity` entries.
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        var slotCount = 2
        while slotCount < 2 * self.capacity { slotCount *= 2 }
        self.slotCount = slotCount
        slots = AtomicCells(count: slotCount)
    }

    deinit {
        for index in 0..<slotCount {
            let slot = slots[index].load(ordering: .acquiring)
            if slot != 0 { Self.entry(slot).release() }
        }
    }

    private static func entry(_ slot: UInt) -> Unmanaged<Entry> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: slot).unsafelyUnwrapped)
    }

    /// The entry filed under `hash` for which `matches` holds, unretained, if the table has one.
    @inline(__always)
    func find(hash: UInt64, where matches: (Entry) -> Bool) -> Unmanaged<Entry>? {
        var probe = OpenAddressing.Probe(hash: Int(truncatingIfNeeded: hash), capacity: slotCount)
        while true {
            let slot = slots[probe.slot].load(ordering: .acquiring)
            if slot == 0 { return nil }
            let entry = Self.entry(slot)
            if entry._withUnsafeGuaranteedRef(matches) { return entry }
            probe.advance()
        }
    }

    /// The entry filed under `hash` for which `matches` holds, or the one `make` makes and the table
    /// files (`make` is given the number of entries before it, under the lock); `nil` when the table
    /// is full, and then `make` is not called.
    func insert(hash: UInt64, where matches: (Entry) -> Bool, make: (_ count: Int) -> Entry) -> Entry? {
        inserted.withLock { count in
            if let found = find(hash: hash, where: matches) { return found.takeUnretainedValue() }
            guard count < capacity else { return nil }
            var probe = OpenAddressing.Probe(hash: Int(truncatingIfNeeded: hash), capacity: slotCount)
            while slots[probe.slot].load(ordering: .relaxed) != 0 { probe.advance() }
            let entry = make(count)
            slots[probe.slot].store(UInt(bitPattern: Unmanaged.passRetained(entry).toOpaque()), ordering: .releasing)
            count += 1
            return entry
        }
    }

    /// How many entries the table holds.
    var count: Int { inserted.withLock { $0 } }
}
