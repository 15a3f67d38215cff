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

    /// Creates shards that together hold at most `capacity` spellings, and at least 16 each (1 024 in
    /// all), so a small capacity still spreads over every shard.
    init(capacity: Int) {
        let perShard = max(16, capacity / Self.shardCount)
        shards = (0..<Self.shardCount).map { _ in SpinLocked(LookupTable(limit: perShard)) }
    }

    /// Runs `body` on the table that spellings hashing to `hash` are filed in, under its shard's lock.
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

    /// Files `meter` under a caller's spelling of it.
    func insert<M: RegisteredMeter>(_ key: WireBytesKey, meter: M) {
        withTable(for: key.hash) { $0.insert(key, meter: meter) }
    }

    /// Files `meter` under its id.
    func insert<M: RegisteredMeter>(_ key: MeterIdKey, meter: M) {
        withTable(for: key.hash) { $0.insert(key, meter: meter) }
    }

    /// Drops every spelling of the meters in `removed`, so that the registry can let them go.
    func removeAll(_ removed: Set<ObjectIdentifier>) {
        for shard in shards {
            shard.withLock { $0.removeAll(removed) }
        }
    }

    /// The number of spellings held.
    var count: Int {
        shards.reduce(0) { total, shard in total + shard.withLock { $0.count } }
    }
}
