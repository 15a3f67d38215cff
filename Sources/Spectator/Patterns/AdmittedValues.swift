import Synchronization

/// A set of at most `capacity` strings that grows and never shrinks: threads look values up without a
/// lock, and add them under one. Each value has an ordinal, 1 for the first added, by which
/// ``value(at:)`` finds it again.
///
/// An open-addressed table twice the capacity (a power of two), each slot 0 or the address of an
/// ``Entry`` the table holds until it goes. A slot is written once, under the lock, after its entry
/// is complete, so a reader that sees the address sees the entry. A lookup of a present small string
/// is a hash of its two words, a load and a comparison of two words, with no allocation.
final class AdmittedValues: Sendable {
    /// A value in the set, with its hash.
    private final class Entry: Sendable {
        let value: String
        let hash: UInt64
        let ordinal: Int

        init(_ value: String, hash: UInt64, ordinal: Int) {
            self.value = value
            self.hash = hash
            self.ordinal = ordinal
        }
    }

    private let slots: AtomicCells<UInt>
    /// The entries by ordinal - 1, as their slots hold them.
    private let byOrdinal: AtomicCells<UInt>
    private let mask: Int
    /// The process's hash seed, held here so that a lookup reads no global.
    private let seed = LookupHash.seed
    /// How many values the set takes at most.
    let capacity: Int
    /// How many values it holds; changed under this lock, which also orders the slots' writes.
    private let inserted = Mutex(0)

    /// An empty set that takes at most `capacity` values.
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        var size = 2
        while size < 2 * self.capacity { size *= 2 }
        slots = AtomicCells(count: size)
        byOrdinal = AtomicCells(count: self.capacity)
        mask = size - 1
    }

    deinit {
        for index in 0...mask {
            let slot = slots[index].load(ordering: .acquiring)
            if slot != 0 { Self.entry(slot).release() }
        }
    }

    /// The hash this set files `value` under: a small string's two words folded in place, any other
    /// string's bytes out of line.
    @inline(__always)
    func hash(_ value: String) -> UInt64 {
        guard let (low, high) = value.smallWords else { return hash(bytesOf: value) }
        return LookupHash.finish(LookupHash.part(seed, low: low, high: high))
    }

    @inline(never)
    private func hash(bytesOf value: String) -> UInt64 {
        LookupHash.finish(LookupHash.part(seed, string: value))
    }

    private static func entry(_ slot: UInt) -> Unmanaged<Entry> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: slot).unsafelyUnwrapped)
    }

    /// Whether the set holds `value` (whose ``hash(_:)`` is `hash`).
    @inline(__always)
    func contains(_ value: String, hash: UInt64) -> Bool {
        ordinal(of: value, hash: hash) != 0
    }

    /// The ordinal of `value` (whose ``hash(_:)`` is `hash`), or 0 when the set does not hold it.
    @inline(__always)
    func ordinal(of value: String, hash: UInt64) -> Int {
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index].load(ordering: .acquiring)
            if slot == 0 { return 0 }
            let ordinal = Self.entry(slot)._withUnsafeGuaranteedRef {
                $0.hash == hash && same($0.value, value) ? $0.ordinal : 0
            }
            if ordinal != 0 { return ordinal }
            index = (index &+ 1) & mask
        }
    }

    /// Adds `value` unless the set is full; whether the set holds it afterwards.
    func insert(_ value: String, hash: UInt64) -> Bool {
        ordinal(inserting: value, hash: hash) != 0
    }

    /// Adds `value` unless the set is full; its ordinal afterwards, or 0 when the set was full.
    func ordinal(inserting value: String, hash: UInt64) -> Int {
        inserted.withLock { count in
            let found = ordinal(of: value, hash: hash)
            if found != 0 { return found }
            guard count < capacity else { return 0 }
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index].load(ordering: .relaxed) != 0 { index = (index &+ 1) & mask }
            let entry = Unmanaged.passRetained(Entry(value, hash: hash, ordinal: count + 1))
            let address = UInt(bitPattern: entry.toOpaque())
            byOrdinal[count].store(address, ordering: .releasing)
            slots[index].store(address, ordering: .releasing)
            count += 1
            return count
        }
    }

    /// The value whose ordinal is `ordinal` (1 ... ``count``).
    func value(at ordinal: Int) -> String {
        Self.entry(byOrdinal[ordinal - 1].load(ordering: .acquiring)).takeUnretainedValue().value
    }

    /// How many values the set holds.
    var count: Int { inserted.withLock { $0 } }
}
