/// A spelling of a meter the registry's ``LookupTable`` can find: its hash, and how it compares with
/// a stored spelling.
///
/// ## The invariant every key keeps
///
/// A meter is found by any of three keys, each holding the caller's name and tags differently, and any
/// of them finds what another filed, because they agree on two things:
///
/// | Key | Holds | Used by |
/// |-----|-------|---------|
/// | ``StringWordsKey`` | each key and value as a small string's two words, on the stack | the warm path, when every tag is at most 15 bytes and there are at most 8 |
/// | ``WireBytesKey`` | the spelling's bytes and part lengths, in scratch space | the warm path otherwise, and every new spelling's registration |
/// | ``MeterIdKey`` | a ``MeterId`` | lookups and registrations by id |
///
/// 1. **One spelling, one hash.** The spelling is the wire form `name,key=value,...` with the tags
///    sorted by key bytes, cut into parts: the name, then each key and each value. ``hash`` is
///    ``LookupHash`` folded over those parts, seeded per process. A ``MeterId``'s bytes are such a
///    spelling already (its tags are sanitised and sorted), so its hash is computed once, when it is
///    made.
/// 2. **Bytes and lengths decide.** A hash only picks slots. A key matches a stored id when the bytes
///    are equal *and* the name and tag count are (the id's `nameLength` and `tagCount`),
///    so a caller's value holding `,` or `=` cannot pass for two tags; it matches a ``RawSpelling``
///    when bytes and every part length are equal.
///
/// What a table slot points at follows from it: the meter itself when the caller's spelling is the
/// meter's id byte for byte (the usual case: no copy is stored), and otherwise a ``RawSpelling``, a
/// copy of the caller's bytes and lengths that points at the meter, so that an unsanitised spelling
/// (a replaced character, an empty or duplicate tag) is found again without sanitising. Slots hold
/// both unretained; the ``MeterStore`` outlives every slot that names one of its meters.
@usableFromInline
protocol LookupKey {
    /// ``LookupHash`` of the spelling's parts (name, then each key and value in key order).
    var hash: UInt64 { get }
    /// Whether this spells exactly the id stored in `id`.
    func matches(_ id: IdStorage) -> Bool
    /// Whether this is exactly the stored raw spelling.
    func matches(_ raw: RawSpelling) -> Bool
}
