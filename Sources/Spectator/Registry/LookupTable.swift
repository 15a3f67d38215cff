/// An open-addressing table from a spelling of a meter (its name and tags) to the meter.
///
/// This is the registry's warm path. It stores no strings of its own for the usual spelling: an entry
/// points at the meter and at the meter's ``IdStorage``, and a caller's name and tags (sorted by key)
/// are compared with those bytes in place. A spelling that is not already canonical — characters that
/// sanitising replaces, empty or duplicate tags — gets an entry of its own that keeps a copy of the
/// caller's strings (``RawSpelling``), so that it too is found without sanitising or allocating.
///
/// Entries hold their meter and spelling unretained: every meter in the table is also held by the
/// registry's ``MeterStore``, which lets go of a meter only after the table has dropped it, and raw
/// spellings are kept alive by ``rawSpellings``. Reading an entry therefore costs no reference counting.
@usableFromInline
struct LookupTable: @unchecked Sendable {
    // @unchecked: entries are unretained references whose lifetime the registry guarantees (above);
    // the table itself is only used under its shard's lock.

    @usableFromInline
    struct Entry {
        @usableFromInline let meter: Unmanaged<AnyObject>
        /// The meter's ``IdStorage``, or a ``RawSpelling`` (told apart by their class).
        @usableFromInline let spelling: Unmanaged<AnyObject>

        @inlinable
        var isRaw: Bool { spelling._withUnsafeGuaranteedRef { type(of: $0) == RawSpelling.self } }
    }

    /// The entries' hashes, 0 where a slot is empty (a real hash of 0 is stored as 1).
    @usableFromInline var hashes: [UInt64]
    @usableFromInline var entries: [Entry?]
    /// The raw spellings entries point at.
    private var rawSpellings: [ObjectIdentifier: RawSpelling] = [:]
    private(set) var count = 0
    /// The most entries this table takes; past it, lookups of new spellings stay on the cold path.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        hashes = Array(repeating: 0, count: 16)
        entries = Array(repeating: nil, count: 16)
    }

    /// The meter filed under `key`'s spelling, unretained, if any.
    @inlinable @inline(__always)
    func find<Key: LookupKey>(_ key: Key) -> Unmanaged<AnyObject>? {
        let stored = Self.slotHash(key)
        let mask = hashes.count &- 1
        var index = Int(truncatingIfNeeded: stored) & mask
        while hashes[index] != 0 {
            if hashes[index] == stored, let entry = entries[index], Self.matches(entry, key) {
                return entry.meter
            }
            index = (index &+ 1) & mask
        }
        return nil
    }

    /// `key`'s hash as the table stores it: 0 marks an empty slot, so a hash of 0 is stored as 1.
    @inlinable @inline(__always)
    static func slotHash<Key: LookupKey>(_ key: Key) -> UInt64 {
        key.hash == 0 ? 1 : key.hash
    }

    @inlinable @inline(__always)
    static func matches<Key: LookupKey>(_ entry: Entry, _ key: Key) -> Bool {
        if entry.isRaw {
            return entry.spelling._withUnsafeGuaranteedRef { key.matches(unsafeDowncast($0, to: RawSpelling.self)) }
        }
        return entry.spelling._withUnsafeGuaranteedRef { key.matches(unsafeDowncast($0, to: IdStorage.self)) }
    }

    /// Files `meter`, whose id is `id`, under a caller's spelling: the id's own bytes when `key` spells
    /// `id` exactly, else a copy of the caller's.
    mutating func insert(_ key: CallerKey, meter: AnyObject, id: MeterId) {
        if key.matches(id.storage) {
            insert(key, Entry(meter: .passUnretained(meter), spelling: .passUnretained(id.storage)))
        } else {
            let raw = key.rawSpelling()
            if insert(key, Entry(meter: .passUnretained(meter), spelling: .passUnretained(raw))) {
                rawSpellings[ObjectIdentifier(raw)] = raw
            }
        }
    }

    /// Files `meter` under its id, `key`.
    mutating func insert(_ key: IdKey, meter: AnyObject) {
        insert(key, Entry(meter: .passUnretained(meter), spelling: .passUnretained(key.id.storage)))
    }

    /// Files `entry` under `key`, unless the table is at its limit or has the spelling already;
    /// `true` if it did.
    @discardableResult
    private mutating func insert<Key: LookupKey>(_ key: Key, _ entry: Entry) -> Bool {
        guard count < limit, find(key) == nil else { return false }
        if (count + 1) * 4 > hashes.count * 3 {
            rehash(capacity: hashes.count * 2)
        }
        place(hash: Self.slotHash(key), entry)
        count += 1
        return true
    }

    /// Removes every entry whose meter is in `removed`.
    mutating func removeAll(_ removed: Set<ObjectIdentifier>) {
        let kept = zip(hashes, entries).compactMap { hash, entry in
            entry.flatMap { removed.contains(ObjectIdentifier($0.meter.takeUnretainedValue())) ? nil : (hash, $0) }
        }
        guard kept.count < count else { return }
        var capacity = 16
        while kept.count * 4 > capacity * 3 { capacity *= 2 }
        hashes = Array(repeating: 0, count: capacity)
        entries = Array(repeating: nil, count: capacity)
        var keptSpellings: [ObjectIdentifier: RawSpelling] = [:]
        for (hash, entry) in kept {
            place(hash: hash, entry)
            if entry.isRaw {
                let identifier = ObjectIdentifier(entry.spelling.takeUnretainedValue())
                keptSpellings[identifier] = rawSpellings[identifier]
            }
        }
        rawSpellings = keptSpellings
        count = kept.count
    }

    private mutating func rehash(capacity: Int) {
        let old = zip(hashes, entries).compactMap { hash, entry in entry.map { (hash, $0) } }
        hashes = Array(repeating: 0, count: capacity)
        entries = Array(repeating: nil, count: capacity)
        for (hash, entry) in old { place(hash: hash, entry) }
    }

    private mutating func place(hash: UInt64, _ entry: Entry) {
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while hashes[index] != 0 { index = (index + 1) & mask }
        hashes[index] = hash
        entries[index] = entry
    }
}
