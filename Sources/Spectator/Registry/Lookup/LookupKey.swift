/// A spelling of a meter the registry's ``LookupTable`` can find: its hash, and how it compares with
/// a stored spelling.
@usableFromInline
protocol LookupKey {
    /// ``LookupHash`` of the wire form (`name,key=value,...`, tags in key order).
    var hash: UInt64 { get }
    /// Whether this spells exactly the id stored in `id`.
    func matches(_ id: IdStorage) -> Bool
    /// Whether this is exactly the stored raw spelling.
    func matches(_ raw: RawSpelling) -> Bool
}
