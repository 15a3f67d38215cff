/// A spelling of a meter the registry's ``LookupTable`` can find: its hash, and how it compares with
/// a stored spelling.
@usableFromInline
protocol LookupKey {
    /// ``LookupHash`` of the name and the tags in key order.
    var hash: UInt64 { get }
    /// Whether this spells exactly the id stored in `id`.
    func matches(_ id: IdStorage) -> Bool
    /// Whether this is exactly the stored raw spelling.
    func matches(_ raw: RawSpelling) -> Bool
    /// A copy of this spelling, for a table entry of its own.
    func rawSpelling() -> RawSpelling
}

/// A name and tags as a caller passed them, visited in key order through `order` (indexes of
/// `tags`), without copying a string.
@usableFromInline
struct CallerSpelling<Tags: RandomAccessCollection<(key: String, value: String)>>: LookupKey
where Tags.Index == Int {
    @usableFromInline let name: String
    @usableFromInline let tags: Tags
    @usableFromInline let order: UnsafeBufferPointer<Int>
    @usableFromInline let hash: UInt64

    /// The spelling of `name` and `tags`; `order` receives the tags' indexes sorted by key bytes.
    @inlinable @inline(__always)
    init(name: String, tags: Tags, order: UnsafeMutableBufferPointer<Int>) {
        for index in order.indices { order[index] = index }
        // Insertion sort: a handful of tags, usually distinct in their first byte.
        if order.count > 1 {
            for unsorted in 1..<order.count {
                let current = order[unsorted]
                var position = unsorted
                while position > 0, tags[current].key.utf8.lexicographicallyPrecedes(tags[order[position - 1]].key.utf8)
                {
                    order[position] = order[position - 1]
                    position -= 1
                }
                order[position] = current
            }
        }
        self.name = name
        self.tags = tags
        self.order = UnsafeBufferPointer(order)
        self.hash = LookupHash.hash(name: name, tags: self.order.lazy.map { tags[$0] })
    }

    /// The stored bytes are `name,key=value,...` of exactly as many tags as given, byte for byte. With
    /// the name's length and the tag count equal, no given string can hide a `,` or `=` of the id's.
    @inlinable @inline(__always)
    func matches(_ id: IdStorage) -> Bool {
        guard order.count == id.tagCount, name.utf8.count == id.nameLength else { return false }
        return id.withBytes { wire in
            var position = 0
            guard WireMatch.text(name, in: wire, at: &position) else { return false }
            for index in order {
                let tag = tags[index]
                guard WireMatch.byte(UInt8(ascii: ","), in: wire, at: &position),
                    WireMatch.text(tag.key, in: wire, at: &position),
                    WireMatch.byte(UInt8(ascii: "="), in: wire, at: &position),
                    WireMatch.text(tag.value, in: wire, at: &position)
                else { return false }
            }
            return position == wire.count
        }
    }

    @inlinable @inline(__always)
    func matches(_ raw: RawSpelling) -> Bool {
        guard raw.tags.count == order.count, raw.name == name else { return false }
        for (stored, index) in zip(raw.tags, order) {
            let given = tags[index]
            guard stored.key == given.key, stored.value == given.value else { return false }
        }
        return true
    }

    @usableFromInline
    func rawSpelling() -> RawSpelling {
        RawSpelling(name: name, tags: order.map { tags[$0] })
    }
}

/// A ``MeterId``, as a lookup key: it matches its own bytes only.
@usableFromInline
struct IdKey: LookupKey {
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

    @usableFromInline
    func rawSpelling() -> RawSpelling {
        RawSpelling(name: id.name, tags: id.tags.map { (key: $0.key, value: $0.value) })
    }
}

/// Byte-wise comparison of a caller's strings with stored wire bytes, advancing a position.
@usableFromInline
enum WireMatch {
    @inlinable @inline(__always)
    static func byte(_ expected: UInt8, in wire: UnsafeRawBufferPointer, at position: inout Int) -> Bool {
        guard position < wire.count, wire[position] == expected else { return false }
        position += 1
        return true
    }

    /// Whether `text`'s UTF-8 is next in `wire`; a string without contiguous UTF-8 never matches (it
    /// then takes the raw-spelling path).
    @inlinable @inline(__always)
    static func text(_ text: String, in wire: UnsafeRawBufferPointer, at position: inout Int) -> Bool {
        let start = position
        let length =
            text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
                let count = bytes.count
                guard start + count <= wire.count else { return nil }
                return equal(UnsafeRawBufferPointer(bytes).baseAddress, wire.baseAddress.map { $0 + start }, count)
                    ? count : nil
            } ?? nil
        guard let length else { return false }
        position += length
        return true
    }

    /// Whether `count` bytes at `left` and `right` are equal, compared eight at a time.
    @inlinable @inline(__always)
    static func equal(_ left: UnsafeRawPointer?, _ right: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let left, let right else { return false }
        var offset = 0
        while offset + 8 <= count {
            guard
                left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < count {
            guard
                left.load(fromByteOffset: offset, as: UInt8.self) == right.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset += 1
        }
        return true
    }
}
