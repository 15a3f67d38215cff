import Synchronization

/// A set of at most `capacity` strings that grows and never shrinks: threads look values up without a
/// lock, and add them under one (an ``InsertOnlyTable`` of entries). Each value has an ordinal, 1 for
/// the first added, by which ``value(at:)`` finds it again. A lookup of a present small string is a
/// hash of its two words, a load and a comparison of two words, with no allocation.
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

    private let entries: InsertOnlyTable<Entry>
    /// The entries' addresses by ordinal - 1, written before the entry is published.
    private let byOrdinal: AtomicCells<UInt>
    /// The process's hash seed, held here so that a lookup reads no global.
    private let seed = LookupHash.seed

    /// An empty set that takes at most `capacity` values.
    init(capacity: Int) {
        entries = InsertOnlyTable(capacity: capacity)
        byOrdinal = AtomicCells(count: entries.capacity)
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

    /// Whether the set holds `value` (whose ``hash(_:)`` is `hash`).
    @inline(__always)
    func contains(_ value: String, hash: UInt64) -> Bool {
        ordinal(of: value, hash: hash) != 0
    }

    /// The ordinal of `value` (whose ``hash(_:)`` is `hash`), or 0 when the set does not hold it.
    @inline(__always)
    func ordinal(of value: String, hash: UInt64) -> Int {
        guard let entry = entries.find(hash: hash, where: { $0.hash == hash && same($0.value, value) }) else {
            return 0
        }
        return entry._withUnsafeGuaranteedRef { $0.ordinal }
    }

    /// Adds `value` unless the set is full; whether the set holds it afterwards.
    func insert(_ value: String, hash: UInt64) -> Bool {
        ordinal(inserting: value, hash: hash) != 0
    }

    /// Adds `value` unless the set is full; its ordinal afterwards, or 0 when the set was full.
    func ordinal(inserting value: String, hash: UInt64) -> Int {
        let entry = entries.insert(
            hash: hash,
            where: { $0.hash == hash && same($0.value, value) },
            make: { count in
                let entry = Entry(value, hash: hash, ordinal: count + 1)
                let address = UInt(bitPattern: Unmanaged.passUnretained(entry).toOpaque())
                byOrdinal[count].store(address, ordering: .releasing)
                return entry
            }
        )
        return entry?.ordinal ?? 0
    }

    /// The value whose ordinal is `ordinal` (1 ... ``count``).
    func value(at ordinal: Int) -> String {
        let address = UnsafeRawPointer(bitPattern: byOrdinal[ordinal - 1].load(ordering: .acquiring))
        return Unmanaged<Entry>.fromOpaque(address.unsafelyUnwrapped).takeUnretainedValue().value
    }

    /// How many values the set holds.
    var count: Int { entries.count }
}
