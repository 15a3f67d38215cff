/// A caller's name and tags whose keys and values are all small strings (at most 15 UTF-8 bytes
/// each, as tags usually are), hashed from the strings' own words and written out from them a word at
/// a time: no string is read byte by byte.
///
/// The registry's warm path tries this key first. A key or value of more than 15 bytes, or more than
/// ``maxTags`` tags, takes ``CopiedStringsKey``, which copies the strings' bytes; both hash alike
/// (``LookupHash``), so either finds what the other filed.
@usableFromInline
struct SmallStringsKey: LookupKey {
    /// The name's bytes.
    @usableFromInline let name: UnsafeRawBufferPointer
    /// The tags, `,key=value` each, in key order.
    @usableFromInline let tags: UnsafeRawBufferPointer
    /// Each tag's key and value as four words (two for the key, two for the value, as
    /// ``Swift/String/smallWords`` gives them), in the order given.
    @usableFromInline let words: UnsafePointer<UInt64>
    /// The tags' indexes, in key order.
    @usableFromInline let order: UnsafePointer<Int>
    @usableFromInline let tagCount: Int
    @usableFromInline let hash: UInt64

    /// The most tags this key takes.
    @inlinable
    static var maxTags: Int { 8 }

    /// Calls `body` with the key for `name` and `tags`, in stack space; `nil` when there are more than
    /// ``maxTags`` tags, a key or value is not a small string, or the name's bytes are not contiguous.
    @inlinable @inline(__always)
    static func withKey<Tags: Collection<(key: String, value: String)>, Result>(
        name: String,
        tags: Tags,
        seed: UInt64,
        _ body: (SmallStringsKey) -> Result?
    ) -> Result? {
        let tagCount = tags.count
        guard tagCount <= maxTags else { return nil }
        return withUnsafeTemporaryAllocation(byteCount: scratchSize, alignment: 8) { scratch in
            let base = scratch.baseAddress!
            let words = base.bindMemory(to: UInt64.self, capacity: 4 * maxTags)
            let order = (base + orderOffset).bindMemory(to: Int.self, capacity: maxTags)
            guard gather(tags, into: words, order: order) else { return nil }
            return withName(name, seed: seed) { nameBytes, state in
                body(
                    SmallStringsKey(
                        name: nameBytes,
                        state: state,
                        words: words,
                        order: order,
                        tagCount: tagCount,
                        text: base + textOffset
                    )
                )
            }
        }
    }

    /// The bytes a lookup needs: ``maxTags`` × 4 words from offset 0, ``maxTags`` indexes from
    /// ``orderOffset``, and the tags written out from ``textOffset`` (at most 32 bytes a tag, and
    /// room for the last word written).
    @inlinable
    static var scratchSize: Int { textOffset + 32 * maxTags + 16 }

    @inlinable
    static var orderOffset: Int { 32 * maxTags }

    @inlinable
    static var textOffset: Int { orderOffset + 8 * maxTags }

    /// Reads each tag's key and value into `words`, four words a tag, and their indexes into `order`,
    /// sorted by key (stably: equal keys keep their order); `false` when a key or value is not a small
    /// string.
    ///
    /// - Parameters:
    ///   - words: room for ``maxTags`` × 4 words.
    ///   - order: room for ``maxTags`` indexes.
    @inlinable @inline(__always)
    static func gather<Tags: Collection<(key: String, value: String)>>(
        _ tags: Tags,
        into words: UnsafeMutablePointer<UInt64>,
        order: UnsafeMutablePointer<Int>
    ) -> Bool {
        var index = 0
        for (key, value) in tags {
            guard let key = key.smallWords, let value = value.smallWords else { return false }
            let tag = words + 4 &* index
            tag[0] = key.low
            tag[1] = key.high
            tag[2] = value.low
            tag[3] = value.high
            Self.insertTag(index, into: order) { Self.precedes(words + 4 &* $0, words + 4 &* $1) }
            index &+= 1
        }
        return true
    }

    /// Calls `body` with the bytes of `name` and the hash state after it, folded into `seed`; `nil`
    /// when the name's bytes are not contiguous.
    @inlinable @inline(__always)
    static func withName<Result>(
        _ name: String,
        seed: UInt64,
        _ body: (_ bytes: UnsafeRawBufferPointer, _ state: UInt64) -> Result?
    ) -> Result? {
        if let (low, high) = name.smallWords {
            let state = LookupHash.part(seed, low: low, high: high)
            return withUnsafeBytes(of: (low, high)) { words in
                body(UnsafeRawBufferPointer(start: words.baseAddress, count: Self.count(high)), state)
            }
        }
        let found = name.utf8.withContiguousStorageIfAvailable { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return body(bytes, LookupHash.part(seed, bytes))
        }
        return found ?? nil
    }

    /// The key for `name` (its bytes, and the hash state after it) and the tags ``gather(_:into:order:)``
    /// read, written out into `text` (see ``scratchSize``).
    @inlinable @inline(__always)
    init(
        name: UnsafeRawBufferPointer,
        state: UInt64,
        words: UnsafePointer<UInt64>,
        order: UnsafePointer<Int>,
        tagCount: Int,
        text: UnsafeMutableRawPointer
    ) {
        var state = state
        var position = 0
        for rank in 0..<tagCount {
            let tag = words + 4 &* order[rank]
            state = LookupHash.part(state, low: tag[0], high: tag[1])
            state = LookupHash.part(state, low: tag[2], high: tag[3])
            position = Self.write(UInt8(ascii: ","), low: tag[0], high: tag[1], into: text, at: position)
            position = Self.write(UInt8(ascii: "="), low: tag[2], high: tag[3], into: text, at: position)
        }
        self.name = name
        tags = UnsafeRawBufferPointer(start: text, count: position)
        self.words = words
        self.order = order
        self.tagCount = tagCount
        hash = LookupHash.finish(state)
    }

    /// Writes `separator` and then the part in `low` and `high` at `position` (and up to 16 bytes
    /// beyond, which the next part overwrites); returns the position after the part.
    @inlinable @inline(__always)
    static func write(
        _ separator: UInt8,
        low: UInt64,
        high: UInt64,
        into text: UnsafeMutableRawPointer,
        at position: Int
    ) -> Int {
        text.storeBytes(of: separator, toByteOffset: position, as: UInt8.self)
        text.storeBytes(of: low, toByteOffset: position &+ 1, as: UInt64.self)
        text.storeBytes(of: high, toByteOffset: position &+ 9, as: UInt64.self)
        return position &+ 1 &+ count(high)
    }

    /// The byte count in a part's second word.
    @inlinable @inline(__always)
    static func count(_ high: UInt64) -> Int {
        Int(truncatingIfNeeded: high >> 56)
    }

    /// Whether the key whose words start at `left` sorts before the one at `right`, byte by byte (a
    /// prefix first).
    @inlinable @inline(__always)
    static func precedes(_ left: UnsafeMutablePointer<UInt64>, _ right: UnsafeMutablePointer<UInt64>) -> Bool {
        let leftStart = left[0].byteSwapped
        let rightStart = right[0].byteSwapped
        if leftStart != rightStart { return leftStart < rightStart }
        return rest(left[1]) < rest(right[1])
    }

    /// Bytes 8–14 of a part, in an order that sorts as they do, then its count.
    @inlinable @inline(__always)
    static func rest(_ high: UInt64) -> UInt64 {
        (high & 0x00FF_FFFF_FFFF_FFFF).byteSwapped | high >> 56
    }

    @inlinable @inline(__always)
    func matches(_ id: IdStorage) -> Bool {
        guard id.tagCount == tagCount, id.nameLength == name.count, id.byteCount == name.count &+ tags.count
        else { return false }
        return matches(wire: id.unsafeBytes)
    }

    @inlinable @inline(__always)
    func matches(_ alias: MeterAlias) -> Bool {
        guard alias.lengths.count == 1 &+ 2 &* tagCount, alias.lengths[0] == name.count else { return false }
        for rank in 0..<tagCount {
            let tag = words + 4 &* order[rank]
            guard alias.lengths[1 &+ 2 &* rank] == Self.count(tag[1]),
                alias.lengths[2 &+ 2 &* rank] == Self.count(tag[3])
            else { return false }
        }
        return alias.bytes.withUnsafeBytes { $0.count == name.count &+ tags.count && matches(wire: $0) }
    }

    /// Whether `wire`, as long as this text, is this name and these tags. For a stored id, with
    /// as many tags and name bytes, that is the same id: its parts hold no `,` or `=`, so a caller's
    /// strings that do cannot match it.
    @inlinable @inline(__always)
    func matches(wire: UnsafeRawBufferPointer) -> Bool {
        Bytes.equal(name, UnsafeRawBufferPointer(rebasing: wire[..<name.count]))
            && Bytes.equal(tags, UnsafeRawBufferPointer(rebasing: wire[name.count...]))
    }
}
