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
    func matches(_ raw: RawSpelling) -> Bool {
        false
    }
}
