/// An open-addressing table from a meter's name and tags to the meter.
///
/// This is the registry's warm path. A slot is 12 bytes: the low 32 bits of the text's hash, which
/// is all a slot's place depends on (``ShardedLookup`` picks the table by the top bits), and the
/// meter, unretained. The usual text is the meter's own id: a caller's name and tags (sorted by
/// key) are compared in place with the bytes of the meter's ``IdStorage``, and no string is stored. A
/// text that is not canonical — characters that sanitising replaces, empty or duplicate tags —
/// gets a slot that points at a ``MeterAlias`` instead: a copy of the caller's strings and the meter,
/// so that it too is found without sanitising or allocating.
///
/// Slots hold their meter or alias unretained: every meter in the table is also held by the
/// registry's ``MeterStore``, which lets go of a meter only after the table has dropped it, and
/// aliases are kept alive by ``aliases``. Reading a slot therefore costs no reference counting.
@usableFromInline
struct LookupTable: @unchecked Sendable {
    // @unchecked: slots are unretained references whose lifetime the registry guarantees (above); the
    // table itself is only used under its shard's lock.

    /// Each slot's ``slotHash(_:)``, 0 where the slot is empty.
    @usableFromInline var hashes: [UInt32]
    /// Each slot's meter, or the ``MeterAlias`` of one (told apart by their class).
    @usableFromInline var entries: [Unmanaged<AnyObject>?]
    /// The aliases slots point at.
    private var aliases: [ObjectIdentifier: MeterAlias] = [:]
    private(set) var count = 0
    /// The most entries this table takes; past it, lookups of new names and tags stay on the cold path.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        hashes = Array(repeating: 0, count: OpenAddressing.minimumCapacity)
        entries = Array(repeating: nil, count: OpenAddressing.minimumCapacity)
    }

    /// The meter of type `M` filed under `key`, if any.
    @inlinable @inline(__always)
    func find<Key: LookupKey, M: RegisteredMeter>(_ key: Key, as type: M.Type) -> M? {
        let stored = Self.slotHash(key.hash)
        var probe = OpenAddressing.Probe(hash: Int(truncatingIfNeeded: stored), capacity: hashes.count)
        while hashes[probe.slot] != 0 {
            if hashes[probe.slot] == stored, let entry = entries[probe.slot],
                let meter = Self.meter(entry, filedBy: key, as: type)
            {
                return meter
            }
            probe.advance()
        }
        return nil
    }

    /// The low 32 bits of `hash`, as a slot stores them: 0 marks an empty slot, so 0 is stored as 1.
    @inlinable @inline(__always)
    static func slotHash(_ hash: UInt64) -> UInt32 {
        let low = UInt32(truncatingIfNeeded: hash)
        return low == 0 ? 1 : low
    }

    /// The entry's meter, when it is an `M` and `key` names it.
    @inlinable @inline(__always)
    static func meter<Key: LookupKey, M: RegisteredMeter>(
        _ entry: Unmanaged<AnyObject>,
        filedBy key: Key,
        as type: M.Type
    ) -> M? {
        entry._withUnsafeGuaranteedRef { object in
            if Swift.type(of: object) == M.self {
                let meter = unsafeDowncast(object, to: M.self)
                return key.matches(meter.id.storage) ? meter : nil
            }
            guard Swift.type(of: object) == MeterAlias.self else { return nil }
            let alias = unsafeDowncast(object, to: MeterAlias.self)
            return alias.meter._withUnsafeGuaranteedRef { meter in
                Swift.type(of: meter) == M.self && key.matches(alias) ? unsafeDowncast(meter, to: M.self) : nil
            }
        }
    }

    /// Files `meter` under a caller's name and tags: the meter itself when `key` is its id
    /// exactly, else an alias, a copy of the caller's text.
    mutating func insert<M: RegisteredMeter>(_ key: CopiedStringsKey, meter: M) {
        guard count < limit, find(key, as: M.self) == nil else { return }
        if key.matches(meter.id.storage) {
            add(hash: key.hash, .passUnretained(meter))
        } else {
            let alias = key.alias(of: meter)
            aliases[ObjectIdentifier(alias)] = alias
            add(hash: key.hash, .passUnretained(alias))
        }
    }

    /// Files `meter` under its id, `key`.
    mutating func insert<M: RegisteredMeter>(_ key: MeterIdKey, meter: M) {
        guard count < limit, find(key, as: M.self) == nil else { return }
        add(hash: key.hash, .passUnretained(meter))
    }

    private mutating func add(hash: UInt64, _ entry: Unmanaged<AnyObject>) {
        if OpenAddressing.isOverfull(count: count + 1, capacity: hashes.count) {
            refill(capacity: hashes.count * 2, with: filled)
        }
        place(Self.slotHash(hash), entry)
        count += 1
    }

    /// Removes every entry whose meter is in `removed`.
    mutating func removeAll(_ removed: Set<ObjectIdentifier>) {
        let kept = filled.filter { !removed.contains(Self.meterIdentifier($0.entry)) }
        guard kept.count < count else { return }
        refill(capacity: OpenAddressing.capacity(for: kept.count), with: kept)
        aliases = aliases.filter { !removed.contains(ObjectIdentifier($0.value.meter.takeUnretainedValue())) }
        count = kept.count
    }

    /// The filled slots.
    private var filled: [(hash: UInt32, entry: Unmanaged<AnyObject>)] {
        zip(hashes, entries).compactMap { hash, entry in entry.map { (hash, $0) } }
    }

    /// Empties the table into `capacity` slots and places `slots` in them.
    private mutating func refill(capacity: Int, with slots: [(hash: UInt32, entry: Unmanaged<AnyObject>)]) {
        hashes = Array(repeating: 0, count: capacity)
        entries = Array(repeating: nil, count: capacity)
        for (hash, entry) in slots { place(hash, entry) }
    }

    private mutating func place(_ hash: UInt32, _ entry: Unmanaged<AnyObject>) {
        var probe = OpenAddressing.Probe(hash: Int(hash), capacity: hashes.count)
        while hashes[probe.slot] != 0 { probe.advance() }
        hashes[probe.slot] = hash
        entries[probe.slot] = entry
    }

    /// The identity of the meter a slot files: the slot's own object, or its alias's meter.
    private static func meterIdentifier(_ entry: Unmanaged<AnyObject>) -> ObjectIdentifier {
        let object = entry.takeUnretainedValue()
        if let alias = object as? MeterAlias { return ObjectIdentifier(alias.meter.takeUnretainedValue()) }
        return ObjectIdentifier(object)
    }
}

/// The registry's warm path: ``LookupTable``s split over 64 independently locked shards (``SpinLocked``).
///
/// A lookup locks only the shard its hash falls in, for the few nanoseconds of one probe, so threads
/// looking up different meters do not meet, and no lookup waits for meter creation or collection.
@usableFromInline
final class ShardedLookup: Sendable {
    @usableFromInline static let shardCount = 64
    @usableFromInline let shards: [SpinLocked<LookupTable>]
    /// ``LookupHash/seed``, read once.
    @usableFromInline let seed = LookupHash.seed

    /// Creates shards that together hold at most `capacity` keys, and at least 16 each (1 024 in
    /// all), so a small capacity still spreads over every shard.
    init(capacity: Int) {
        let perShard = max(16, capacity / Self.shardCount)
        shards = (0..<Self.shardCount).map { _ in SpinLocked(LookupTable(limit: perShard)) }
    }

    /// Runs `body` on the table that keys hashing to `hash` are filed in, under its shard's lock.
    ///
    /// The shard is used unretained: `shards` holds it for as long as `self` lives.
    @inlinable @inline(__always)
    func withTable<Result>(for hash: UInt64, _ body: (inout LookupTable) -> Result) -> Result {
        let index = Int(truncatingIfNeeded: hash >> 58) & (Self.shardCount - 1)
        return shards.withUnsafeBufferPointer { shards in
            Unmanaged.passUnretained(shards[index])._withUnsafeGuaranteedRef { $0.withLock(body) }
        }
    }

    /// The meter of type `M` filed under `key`, retained while the shard is locked.
    @inlinable @inline(__always)
    func find<Key: LookupKey, M: RegisteredMeter>(_ key: Key, as type: M.Type) -> M? {
        withTable(for: key.hash) { $0.find(key, as: type) }
    }

    /// Files `meter` under a caller's name and tags.
    func insert<M: RegisteredMeter>(_ key: CopiedStringsKey, meter: M) {
        withTable(for: key.hash) { $0.insert(key, meter: meter) }
    }

    /// Files `meter` under its id.
    func insert<M: RegisteredMeter>(_ key: MeterIdKey, meter: M) {
        withTable(for: key.hash) { $0.insert(key, meter: meter) }
    }

    /// Drops every key of the meters in `removed`, so that the registry can let them go.
    func removeAll(_ removed: Set<ObjectIdentifier>) {
        for shard in shards {
            shard.withLock { $0.removeAll(removed) }
        }
    }

    /// The number of keys held.
    var count: Int {
        shards.reduce(0) { total, shard in total + shard.withLock { $0.count } }
    }
}

/// A meter's name and tags, as the registry's ``LookupTable`` finds them: their hash, and how they
/// compare with a stored id or alias.
///
/// ## The invariant every key keeps
///
/// A meter is found by any of three keys, each holding the caller's name and tags differently, and any
/// of them finds what another filed, because they agree on two things:
///
/// | Key | Holds | Used by |
/// |-----|-------|---------|
/// | ``SmallStringsKey`` | each key and value as a small string's two words, on the stack | the warm path, when every tag is at most 15 bytes and there are at most 8 |
/// | ``CopiedStringsKey`` | the text's bytes and part lengths, in scratch space | the warm path otherwise, and every new name and tags' registration |
/// | ``MeterIdKey`` | a ``MeterId`` | lookups and registrations by id |
///
/// 1. **One text, one hash.** The text is the wire form `name,key=value,...` with the tags
///    sorted by key bytes, cut into parts: the name, then each key and each value. ``hash`` is
///    ``LookupHash`` folded over those parts, seeded per process. A ``MeterId``'s bytes are such a
///    text already (its tags are sanitised and sorted), so its hash is computed once, when it is
///    made.
/// 2. **Bytes and lengths decide.** A hash only picks slots. A key matches a stored id when the bytes
///    are equal *and* the name and tag count are (the id's `nameLength` and `tagCount`),
///    so a caller's value holding `,` or `=` cannot pass for two tags; it matches a ``MeterAlias``
///    when bytes and every part length are equal.
///
/// What a table slot points at follows from it: the meter itself when the caller's text is the
/// meter's id byte for byte (the usual case: no copy is stored), and otherwise a ``MeterAlias``, a
/// copy of the caller's bytes and lengths that points at the meter, so that an unsanitised name or tag
/// (a replaced character, an empty or duplicate tag) is found again without sanitising. Slots hold
/// both unretained; the ``MeterStore`` outlives every slot that names one of its meters.
@usableFromInline
protocol LookupKey {
    /// ``LookupHash`` of the text's parts (name, then each key and value in key order).
    var hash: UInt64 { get }
    /// Whether this is exactly the id stored in `id`.
    func matches(_ id: IdStorage) -> Bool
    /// Whether this is exactly the stored alias.
    func matches(_ alias: MeterAlias) -> Bool
}

extension LookupKey {
    /// Files tag `index` into `order`, whose first `index` entries are already in the order `precedes`
    /// gives their tags (a step of a stable insertion sort: a handful of tags, sorted as they are
    /// read). Both keys built from a caller's tags sort them with it, so that one name and tags make
    /// one text.
    @inlinable @inline(__always)
    static func insertTag(_ index: Int, into order: UnsafeMutablePointer<Int>, by precedes: (Int, Int) -> Bool) {
        var slot = index
        while slot > 0, precedes(index, order[slot &- 1]) {
            order[slot] = order[slot &- 1]
            slot &-= 1
        }
        order[slot] = index
    }
}

/// A ``MeterId``, as a lookup key: it matches its own bytes only.
@usableFromInline
struct MeterIdKey: LookupKey {
    @usableFromInline let id: MeterId

    @inlinable
    init(_ id: MeterId) {
        self.id = id
    }

    @inlinable
    var hash: UInt64 { id.lookupHash }

    @inlinable @inline(__always)
    func matches(_ stored: IdStorage) -> Bool {
        stored === id.storage || stored.hasSameBytes(as: id.storage)
    }

    @inlinable
    func matches(_ alias: MeterAlias) -> Bool {
        false
    }
}

/// Another name for a meter: a caller's name and tags that are not its canonical id — characters that sanitising replaces,
/// empty or duplicate tags — kept as given (tags sorted by key bytes) so that the registry's lookup
/// finds it again without sanitising. The lookup's entry points at it instead of at the meter.
@usableFromInline
final class MeterAlias: Sendable {
    /// `name,key=value,...` as given, tags sorted by key bytes.
    @usableFromInline let bytes: [UInt8]
    /// The byte lengths of the name, then of each tag's key and value.
    @usableFromInline let lengths: [Int]
    /// The meter it names, unretained: the registry's ``MeterStore`` holds it for as long as the
    /// lookup files this alias.
    @usableFromInline nonisolated(unsafe) let meter: Unmanaged<AnyObject>

    init(bytes: [UInt8], lengths: [Int], meter: AnyObject) {
        self.bytes = bytes
        self.lengths = lengths
        self.meter = .passUnretained(meter)
    }
}
