/// A name and tags as a caller passed them, spelled out as wire bytes (`name,key=value,...`, tags in
/// key order) in scratch space the caller provides: hashing and matching are then one pass each over
/// contiguous bytes, with no string copied to the heap and no reference counted.
@usableFromInline
struct CallerKey: LookupKey {
    /// `name,key=value,...` with the tags in key order.
    @usableFromInline let bytes: UnsafeRawBufferPointer
    /// The byte lengths of the name, then of each tag's key and value, in key order: what tells apart
    /// spellings whose bytes are equal but whose strings hold `,` or `=`.
    @usableFromInline let lengths: UnsafeBufferPointer<Int>
    @usableFromInline let hash: UInt64

    /// The wire bytes of `name` and `tags`.
    @inlinable @inline(__always)
    static func byteCount<Tags: Collection<(key: String, value: String)>>(name: String, tags: Tags) -> Int {
        var count = name.utf8.count
        for (key, value) in tags { count += 2 &+ key.utf8.count &+ value.utf8.count }
        return count
    }

    /// The integers `init` needs for `tagCount` tags.
    @inlinable @inline(__always)
    static func indexCount(tagCount: Int) -> Int {
        5 * tagCount + 1
    }

    /// The scratch bytes `init` needs for `byteCount` wire bytes: two copies, and a word of slack for
    /// copying eight bytes at a time.
    @inlinable @inline(__always)
    static func scratchSize(byteCount: Int) -> Int {
        2 * byteCount + 8
    }

    /// Spells out `name` and `tags`.
    ///
    /// - Parameters:
    ///   - indexes: ``indexCount(tagCount:)`` integers.
    ///   - scratch: ``scratchSize(byteCount:)`` bytes.
    @inlinable @inline(__always)
    init<Tags: Collection<(key: String, value: String)>>(
        name: String,
        tags: Tags,
        indexes: UnsafeMutableBufferPointer<Int>,
        scratch: UnsafeMutableRawBufferPointer
    ) {
        let count = tags.count
        let base = scratch.baseAddress!
        let order = UnsafeMutableBufferPointer(rebasing: indexes[0..<count])
        let starts = UnsafeMutableBufferPointer(rebasing: indexes[count..<(2 * count)])
        let keyEnds = UnsafeMutableBufferPointer(rebasing: indexes[(2 * count)..<(3 * count)])
        let lengths = UnsafeMutableBufferPointer(rebasing: indexes[(3 * count)..<(5 * count + 1)])
        // The tags as given, `,key=value` each, after the room for the spelling.
        var position = (scratch.count - 8) / 2
        var index = 0
        for (key, value) in tags {
            order[index] = index
            starts[index] = position
            base.storeBytes(of: UInt8(ascii: ","), toByteOffset: position, as: UInt8.self)
            position = Self.copy(key, to: base, at: position + 1)
            keyEnds[index] = position
            base.storeBytes(of: UInt8(ascii: "="), toByteOffset: position, as: UInt8.self)
            position = Self.copy(value, to: base, at: position + 1)
            index += 1
        }
        let tagsEnd = position
        // Insertion sort by key: a handful of tags, usually distinct in their first byte.
        if count > 1 {
            for unsorted in 1..<count {
                let current = order[unsorted]
                var slot = unsorted
                while slot > 0,
                    Self.precedes(
                        (starts[current] + 1)..<keyEnds[current],
                        (starts[order[slot - 1]] + 1)..<keyEnds[order[slot - 1]],
                        in: base
                    )
                {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = current
            }
        }
        // The spelling at the start: the name, then the tags in key order, a word at a time (the slack
        // after each piece is overwritten by the next).
        position = Self.copy(name, to: base, at: 0)
        lengths[0] = position
        for (rank, index) in order.enumerated() {
            let start = starts[index]
            let end = index + 1 < count ? starts[index + 1] : tagsEnd
            lengths[1 + 2 * rank] = keyEnds[index] - start - 1
            lengths[2 + 2 * rank] = end - keyEnds[index] - 1
            var offset = 0
            while offset < end - start {
                base.storeBytes(
                    of: base.loadUnaligned(fromByteOffset: start + offset, as: UInt64.self),
                    toByteOffset: position + offset,
                    as: UInt64.self
                )
                offset += 8
            }
            position += end - start
        }
        bytes = UnsafeRawBufferPointer(start: base, count: position)
        self.lengths = UnsafeBufferPointer(lengths)
        hash = LookupHash.hash(bytes)
    }

    /// Copies `text`'s UTF-8 to `base + position`; returns the position after it.
    @inlinable @inline(__always)
    static func copy(_ text: String, to base: UnsafeMutableRawPointer, at position: Int) -> Int {
        let copied = text.utf8.withContiguousStorageIfAvailable { source -> Int in
            for offset in 0..<source.count {
                base.storeBytes(of: source[offset], toByteOffset: position + offset, as: UInt8.self)
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

    /// Whether the bytes at `left` sort before those at `right`.
    @inlinable @inline(__always)
    static func precedes(_ left: Range<Int>, _ right: Range<Int>, in base: UnsafeMutableRawPointer) -> Bool {
        for offset in 0..<Swift.min(left.count, right.count) {
            let leftByte = base.load(fromByteOffset: left.lowerBound + offset, as: UInt8.self)
            let rightByte = base.load(fromByteOffset: right.lowerBound + offset, as: UInt8.self)
            if leftByte != rightByte { return leftByte < rightByte }
        }
        return left.count < right.count
    }

    /// The stored bytes equal these, for an id of as many tags and as long a name: then no given string
    /// hides a `,` or `=` of the id's.
    @inlinable @inline(__always)
    func matches(_ id: IdStorage) -> Bool {
        guard lengths.count / 2 == id.tagCount, lengths[0] == id.nameLength else { return false }
        return id.withBytes { Bytes.equal($0, bytes) }
    }

    @inlinable @inline(__always)
    func matches(_ raw: RawSpelling) -> Bool {
        raw.lengths.elementsEqual(lengths) && raw.bytes.withUnsafeBytes { Bytes.equal($0, bytes) }
    }

    /// A copy of this spelling, for a table entry of its own.
    func rawSpelling() -> RawSpelling {
        RawSpelling(bytes: Array(bytes), lengths: Array(lengths))
    }
}
