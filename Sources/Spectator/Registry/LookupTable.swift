/// An open-addressing table from the exact strings a caller passed (name, then tags in the order
/// given) to the meter they resolved to.
///
/// This is the registry's warm path: it finds an existing meter without sanitising, sorting or
/// allocating. A caller's raw strings are matched as they are, so `["a": "1", "b": "2"]` and
/// `["b": "2", "a": "1"]` are two entries for one meter. Any input this table does not hold falls
/// back to the cold path, which normalises it into a ``MeterId``; the table is only a cache of
/// that path's answers.
@usableFromInline
struct LookupTable: Sendable {
    @usableFromInline
    struct Slot: Sendable {
        @usableFromInline let name: String
        @usableFromInline let tags: [(key: String, value: String)]
        @usableFromInline let meter: any RegisteredMeter
    }

    /// The slots' hashes, 0 where a slot is empty (a real hash of 0 is stored as 1).
    @usableFromInline var hashes: [UInt64]
    @usableFromInline var slots: [Slot?]
    private(set) var count = 0
    /// The most entries this table takes; past it, lookups of new spellings stay on the cold path.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        hashes = Array(repeating: 0, count: 16)
        slots = Array(repeating: nil, count: 16)
    }

    /// The meter filed under exactly these strings, if any.
    @inlinable @inline(__always)
    func find<Tags: Collection<(key: String, value: String)>>(
        hash: UInt64,
        name: String,
        tags: Tags
    ) -> (any RegisteredMeter)? {
        let stored = hash == 0 ? 1 : hash
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: stored) & mask
        while hashes[index] != 0 {
            if hashes[index] == stored, let slot = slots[index], Self.matches(slot, name: name, tags: tags) {
                return slot.meter
            }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Files `meter` under these strings, unless the table is at its limit or holds them already.
    mutating func insert<Tags: Collection<(key: String, value: String)>>(
        hash: UInt64,
        name: String,
        tags: Tags,
        meter: any RegisteredMeter
    ) {
        guard count < limit, find(hash: hash, name: name, tags: tags) == nil else { return }
        if (count + 1) * 2 > hashes.count {
            rehash(capacity: hashes.count * 2)
        }
        place(hash: hash == 0 ? 1 : hash, Slot(name: name, tags: Array(tags), meter: meter))
        count += 1
    }

    /// Removes every entry whose meter `isRemoved` says goes.
    mutating func removeAll(where isRemoved: (any RegisteredMeter) -> Bool) {
        let kept = zip(hashes, slots).compactMap { hash, slot in
            slot.flatMap { isRemoved($0.meter) ? nil : (hash, $0) }
        }
        guard kept.count < count else { return }
        var capacity = 16
        while kept.count * 2 > capacity { capacity *= 2 }
        hashes = Array(repeating: 0, count: capacity)
        slots = Array(repeating: nil, count: capacity)
        for (hash, slot) in kept { place(hash: hash, slot) }
        count = kept.count
    }

    private mutating func rehash(capacity: Int) {
        let old = zip(hashes, slots).compactMap { hash, slot in slot.map { (hash, $0) } }
        hashes = Array(repeating: 0, count: capacity)
        slots = Array(repeating: nil, count: capacity)
        for (hash, slot) in old { place(hash: hash, slot) }
    }

    private mutating func place(hash: UInt64, _ slot: Slot) {
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while hashes[index] != 0 { index = (index + 1) & mask }
        hashes[index] = hash
        slots[index] = slot
    }

    @inlinable @inline(__always)
    static func matches<Tags: Collection<(key: String, value: String)>>(
        _ slot: Slot,
        name: String,
        tags: Tags
    ) -> Bool {
        guard slot.tags.count == tags.count, slot.name == name else { return false }
        var stored = slot.tags.makeIterator()
        for given in tags {
            guard let expected = stored.next(), expected.key == given.key, expected.value == given.value else {
                return false
            }
        }
        return true
    }
}
