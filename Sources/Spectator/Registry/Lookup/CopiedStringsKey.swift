/// A name and tags as a caller passed them, written out as wire bytes (`name,key=value,...`, tags in
/// key order) in scratch space the caller provides: hashing (part by part, as ``LookupHash`` does for
/// every key) and matching are then one pass each over contiguous bytes, with no string copied to the
/// heap and no reference counted. The warm path takes it when a tag's key or value is too long for
/// ``SmallStringsKey``, and the cold path files every new name and tags under it.
@usableFromInline
struct CopiedStringsKey: LookupKey {
    /// `name,key=value,...` with the tags in key order.
    @usableFromInline let bytes: UnsafeRawBufferPointer
    /// The byte lengths of the name, then of each tag's key and value, in key order: what tells apart
    /// texts whose bytes are equal but whose strings hold `,` or `=`.
    @usableFromInline let lengths: UnsafeBufferPointer<Int>
    @usableFromInline let hash: UInt64

    /// Calls `body` with the key for `name` and `tags`, written out in stack space (on the heap past
    /// about 500 bytes).
    @inlinable @inline(__always)
    static func withKey<Tags: Collection<(key: String, value: String)>, Result>(
        name: String,
        tags: Tags,
        seed: UInt64,
        _ body: (CopiedStringsKey) -> Result
    ) -> Result {
        let byteCount = byteCount(name: name, tags: tags)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: indexCount(tagCount: tags.count)) { indexes in
            withUnsafeTemporaryAllocation(byteCount: scratchSize(byteCount: byteCount), alignment: 8) { scratch in
                body(CopiedStringsKey(name: name, tags: tags, indexes: indexes, scratch: scratch, seed: seed))
            }
        }
    }

    /// The wire bytes of `name` and `tags`.
    @inlinable @inline(__always)
    static func byteCount<Tags: Collection<(key: String, value: String)>>(name: String, tags: Tags) -> Int {
        var count = name.utf8.count
        for (key, value) in tags { count &+= 2 &+ key.utf8.count &+ value.utf8.count }
        return count
    }

    /// The integers `init` needs for `tagCount` tags.
    @inlinable @inline(__always)
    static func indexCount(tagCount: Int) -> Int {
        6 * tagCount + 1
    }

    /// The scratch bytes `init` needs for `byteCount` wire bytes: two copies, each followed by
    /// ``slack`` bytes that copying a string's two words, or eight bytes at a time, writes past its end.
    @inlinable @inline(__always)
    static func scratchSize(byteCount: Int) -> Int {
        2 * (byteCount + slack)
    }

    @inlinable @inline(__always)
    static var slack: Int { 16 }

    /// Writes out `name` and `tags`: copies the tags as given (sorting them by key as it goes), then
    /// writes the text from the copies and hashes it.
    ///
    /// - Parameters:
    ///   - indexes: ``indexCount(tagCount:)`` integers.
    ///   - scratch: ``scratchSize(byteCount:)`` bytes.
    ///   - seed: ``LookupHash/seed``.
    @inlinable @inline(__always)
    init<Tags: Collection<(key: String, value: String)>>(
        name: String,
        tags: Tags,
        indexes: UnsafeMutableBufferPointer<Int>,
        scratch: UnsafeMutableRawBufferPointer,
        seed: UInt64
    ) {
        let base = scratch.baseAddress!
        let given = GivenTags(indexes: indexes.baseAddress!, count: tags.count)
        // The tags as given go after the room for the text.
        let tagsEnd = given.copy(tags, to: base, at: scratch.count / 2)
        let textEnd = given.write(name: name, tagsEnd: tagsEnd, in: base)
        bytes = UnsafeRawBufferPointer(start: base, count: textEnd)
        lengths = UnsafeBufferPointer(start: given.lengths, count: 2 &* given.count &+ 1)
        hash = LookupHash.hash(wire: bytes, lengths: lengths, seed: seed)
    }

    /// The caller's tags while they are written out: for each tag as given, its place in key order,
    /// where its `,key=value` copy starts and its key ends, and its key's first eight bytes as a number
    /// that sorts as they do; then the text's lengths. All in the caller's `indexes`.
    @usableFromInline
    struct GivenTags {
        @usableFromInline let count: Int
        @usableFromInline let order: UnsafeMutablePointer<Int>
        @usableFromInline let starts: UnsafeMutablePointer<Int>
        @usableFromInline let keyEnds: UnsafeMutablePointer<Int>
        @usableFromInline let prefixes: UnsafeMutablePointer<Int>
        @usableFromInline let lengths: UnsafeMutablePointer<Int>

        @inlinable @inline(__always)
        init(indexes: UnsafeMutablePointer<Int>, count: Int) {
            self.count = count
            order = indexes
            starts = order + count
            keyEnds = starts + count
            prefixes = keyEnds + count
            lengths = prefixes + count
        }

        /// Copies each tag, as `,key=value`, to `base + position`, in the order given, filing each into
        /// key order as it goes; returns where the copies end.
        @inlinable @inline(__always)
        func copy<Tags: Collection<(key: String, value: String)>>(
            _ tags: Tags,
            to base: UnsafeMutableRawPointer,
            at start: Int
        ) -> Int {
            var position = start
            var index = 0
            for (key, value) in tags {
                starts[index] = position
                base.storeBytes(of: UInt8(ascii: ","), toByteOffset: position, as: UInt8.self)
                position = CopiedStringsKey.copy(key, to: base, at: position &+ 1)
                keyEnds[index] = position
                prefixes[index] = CopiedStringsKey.prefix(base, from: starts[index] &+ 1, to: position)
                CopiedStringsKey.insertTag(index, into: order) {
                    CopiedStringsKey.precedes($0, $1, prefixes, starts, keyEnds, in: base)
                }
                base.storeBytes(of: UInt8(ascii: "="), toByteOffset: position, as: UInt8.self)
                position = CopiedStringsKey.copy(value, to: base, at: position &+ 1)
                index &+= 1
            }
            return position
        }

        /// Writes the text at `base`: the name, then the copied tags in key order, a word at a
        /// time (the slack after each piece is overwritten by the next), and fills in ``lengths``;
        /// returns where the text ends.
        @inlinable @inline(__always)
        func write(name: String, tagsEnd: Int, in base: UnsafeMutableRawPointer) -> Int {
            var position = CopiedStringsKey.copy(name, to: base, at: 0)
            lengths[0] = position
            for rank in 0..<count {
                let index = order[rank]
                let start = starts[index]
                let end = index &+ 1 < count ? starts[index &+ 1] : tagsEnd
                lengths[1 &+ 2 &* rank] = keyEnds[index] &- start &- 1
                lengths[2 &+ 2 &* rank] = end &- keyEnds[index] &- 1
                var offset = 0
                while offset < end &- start {
                    base.storeBytes(
                        of: base.loadUnaligned(fromByteOffset: start &+ offset, as: UInt64.self),
                        toByteOffset: position &+ offset,
                        as: UInt64.self
                    )
                    offset &+= 8
                }
                position &+= end &- start
            }
            return position
        }
    }

    /// Copies `text`'s UTF-8 to `base + position`, writing up to ``slack`` bytes past it; returns the
    /// position after it.
    @inlinable @inline(__always)
    static func copy(_ text: String, to base: UnsafeMutableRawPointer, at position: Int) -> Int {
        if let (low, high) = text.smallWords {
            base.storeBytes(of: low, toByteOffset: position, as: UInt64.self)
            base.storeBytes(of: high, toByteOffset: position &+ 8, as: UInt64.self)
            return position &+ SmallStringsKey.count(high)
        }
        let copied = text.utf8.withContiguousStorageIfAvailable { source -> Int in
            if let start = source.baseAddress {
                base.advanced(by: position).copyMemory(from: start, byteCount: source.count)
            }
            return position + source.count
        }
        if let copied { return copied }
        var end = position
        for byte in text.utf8 {
            base.storeBytes(of: byte, toByteOffset: end, as: UInt8.self)
            end += 1
        }
        return end
    }

    /// The first eight bytes of `base[start..<end]` (fewer when it is shorter, zeros after them) as a
    /// number that orders as they do, as an `Int`'s bits.
    @inlinable @inline(__always)
    static func prefix(_ base: UnsafeMutableRawPointer, from start: Int, to end: Int) -> Int {
        let word = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        let kept = ~(UInt64.max >> (8 &* Swift.min(end &- start, 8)))
        return Int(bitPattern: UInt(word & kept))
    }

    /// Whether the key of the tag given `left`th sorts before that of the tag given `right`th: by their
    /// ``prefix(_:from:to:)``es, and byte by byte when those are equal.
    @inlinable @inline(__always)
    static func precedes(
        _ left: Int,
        _ right: Int,
        _ prefixes: UnsafeMutablePointer<Int>,
        _ starts: UnsafeMutablePointer<Int>,
        _ keyEnds: UnsafeMutablePointer<Int>,
        in base: UnsafeMutableRawPointer
    ) -> Bool {
        let leftPrefix = UInt(bitPattern: prefixes[left])
        let rightPrefix = UInt(bitPattern: prefixes[right])
        if leftPrefix != rightPrefix { return leftPrefix < rightPrefix }
        let leftKey = UnsafeRawBufferPointer(start: base + starts[left] + 1, count: keyEnds[left] &- starts[left] &- 1)
        let rightKey = UnsafeRawBufferPointer(
            start: base + starts[right] + 1,
            count: keyEnds[right] &- starts[right] &- 1
        )
        return leftKey.lexicographicallyPrecedes(rightKey)
    }

    /// The stored bytes equal these, for an id of as many tags and as long a name: then no given string
    /// hides a `,` or `=` of the id's.
    @inlinable @inline(__always)
    func matches(_ id: IdStorage) -> Bool {
        guard lengths.count / 2 == id.tagCount, lengths[0] == id.nameLength else { return false }
        return id.withBytes { Bytes.equal($0, bytes) }
    }

    @inlinable @inline(__always)
    func matches(_ alias: MeterAlias) -> Bool {
        alias.lengths.elementsEqual(lengths) && alias.bytes.withUnsafeBytes { Bytes.equal($0, bytes) }
    }

    /// A copy of this text for `meter`, for a table entry of its own.
    func alias(of meter: AnyObject) -> MeterAlias {
        MeterAlias(bytes: Array(bytes), lengths: Array(lengths), meter: meter)
    }
}
