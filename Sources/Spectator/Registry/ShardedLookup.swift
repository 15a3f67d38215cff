/// The registry's warm path: ``LookupTable``s split over 64 independently locked shards (``SpinLocked``).
///
/// A lookup locks only the shard its hash falls in, for the few nanoseconds of one probe, so threads
/// looking up different meters do not meet, and no lookup waits for meter creation or collection.
@usableFromInline
final class ShardedLookup: Sendable {
    @usableFromInline
    final class Shard: Sendable {
        @usableFromInline let table: SpinLocked<LookupTable>

        init(limit: Int) {
            table = SpinLocked(LookupTable(limit: limit))
        }
    }

    @usableFromInline static let shardCount = 64
    @usableFromInline let shards: [Shard]

    /// Creates shards that together hold at most `capacity` spellings, and at least 16 each (1 024 in
    /// all), so a small capacity still spreads over every shard.
    init(capacity: Int) {
        let perShard = max(16, capacity / Self.shardCount)
        shards = (0..<Self.shardCount).map { _ in Shard(limit: perShard) }
    }

    @inlinable @inline(__always)
    func shard(for hash: UInt64) -> Shard {
        shards[Int(truncatingIfNeeded: hash >> 58) & (Self.shardCount - 1)]
    }

    /// The meter of type `M` filed under `key`, retained while the shard is locked.
    @inlinable @inline(__always)
    func find<Key: LookupKey, M: RegisteredMeter>(_ key: Key, as type: M.Type) -> M? {
        shard(for: key.hash).table.withLock { table in
            table.find(key)?._withUnsafeGuaranteedRef { found in
                Swift.type(of: found) == M.self ? unsafeDowncast(found, to: M.self) : nil
            }
        }
    }

    /// Files `meter` (whose id is `id`) under a caller's spelling of it.
    func insert(_ key: CallerKey, meter: AnyObject, id: MeterId) {
        shard(for: key.hash).table.withLock { $0.insert(key, meter: meter, id: id) }
    }

    /// Files `meter` under its id.
    func insert(_ key: IdKey, meter: AnyObject) {
        shard(for: key.hash).table.withLock { $0.insert(key, meter: meter) }
    }

    /// Drops every spelling of the meters in `removed`, so that the registry can let them go.
    func removeAll(_ removed: Set<ObjectIdentifier>) {
        for shard in shards {
            shard.table.withLock { $0.removeAll(removed) }
        }
    }

    /// The number of spellings held.
    var count: Int {
        shards.reduce(0) { total, shard in total + shard.table.withLock { $0.count } }
    }
}
