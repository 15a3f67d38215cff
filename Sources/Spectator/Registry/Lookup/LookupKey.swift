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
