/// What a ``MeterId`` is made of: its wire form `name,key=value,...` as bytes, in one allocation
/// with its hash and the places the formats splice `percentile` and `statistic` into.
///
/// Sanitised names, keys and values hold only `-._A-Za-z0-9~^`, so `,` and `=` delimit the parts
/// unambiguously and the name and tags are read back from the bytes when asked for. The registry's
/// lookup compares a caller's strings against these bytes, and the line format copies them out as
/// they are.
@usableFromInline
final class IdStorage: ManagedBuffer<IdStorage.Header, UInt8> {
    // The bytes and the header are written once, in `make`, before the storage is shared; after that it
    // is immutable, which is why ``MeterId`` may share it across threads (`nonisolated(unsafe)`).

    @usableFromInline
    struct Header {
        /// ``LookupHash`` of the wire bytes.
        @usableFromInline let lookupHash: UInt64
        /// The number of wire bytes.
        @usableFromInline let byteCount: UInt32
        /// The number of bytes of the name, the first part of the wire form.
        @usableFromInline let nameLength: UInt16
        /// The number of tags.
        @usableFromInline let tagCount: UInt16
        let slots: PublishedTagSlots
    }

    /// Storage for a sanitised `name` and its tags, sanitised and sorted by key.
    static func make(name: String, sortedTags: [Tag]) -> IdStorage {
        var wire = Array(name.utf8)
        var lengths = [wire.count]
        for tag in sortedTags {
            wire.append(UInt8(ascii: ","))
            wire += tag.key.utf8
            wire.append(UInt8(ascii: "="))
            wire += tag.value.utf8
            lengths += [tag.key.utf8.count, tag.value.utf8.count]
        }
        let lookupHash = wire.withUnsafeBytes { wire in
            lengths.withUnsafeBufferPointer { LookupHash.hash(wire: wire, lengths: $0) }
        }
        let header = Header(
            lookupHash: lookupHash,
            byteCount: UInt32(truncatingIfNeeded: wire.count),
            nameLength: UInt16(name.utf8.count),
            tagCount: UInt16(truncatingIfNeeded: sortedTags.count),
            slots: PublishedTagSlots(name: name, sortedTags: sortedTags)
        )
        let storage = unsafeDowncast(create(minimumCapacity: wire.count) { _ in header }, to: IdStorage.self)
        storage.withUnsafeMutablePointerToElements { elements in
            elements.initialize(from: wire, count: wire.count)
        }
        return storage
    }

    /// The header, read through its pointer: reading `ManagedBuffer.header`, a class's `var`, costs a
    /// dynamic exclusivity check (`swift_beginAccess`) every time.
    @inlinable
    var fields: Header { withUnsafeMutablePointerToHeader { $0.pointee } }

    /// The number of bytes of the name.
    @inlinable var nameLength: Int { Int(fields.nameLength) }

    /// The number of tags.
    @inlinable var tagCount: Int { Int(fields.tagCount) }

    /// The number of wire bytes.
    @inlinable var byteCount: Int { Int(fields.byteCount) }

    /// The wire bytes, for a caller that keeps the storage alive while it reads them (the registry's
    /// lookup, whose table entries the registry holds): no closure for the compiler to keep out of
    /// line.
    @inlinable
    var unsafeBytes: UnsafeRawBufferPointer {
        withUnsafeMutablePointers { header, elements in
            UnsafeRawBufferPointer(start: elements, count: Int(header.pointee.byteCount))
        }
    }

    /// Calls `body` with the wire bytes.
    @inlinable @inline(__always)
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(unsafeBytes) }
    }

    /// Calls `body` with the key and value bytes of each tag, in key order.
    func forEachTag(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void) {
        withBytes { bytes in
            var tags = WireTags(wire: bytes, nameLength: nameLength)
            while let (key, value) = tags.next() { body(key, value) }
        }
    }

    /// Whether `other` holds the same id.
    @usableFromInline
    func hasSameBytes(as other: IdStorage) -> Bool {
        fields.lookupHash == other.fields.lookupHash
            && withBytes { mine in other.withBytes { Bytes.equal(mine, $0) } }
    }
}
