/// A growable byte buffer for the formats: appends are a bounds check and a `memcpy`.
///
/// `Array<UInt8>.append(contentsOf:)` costs ~90 instructions a call (uniqueness and capacity checks,
/// generic slow paths); an encoder appends a dozen pieces per measurement. A writer is used by one
/// thread at a time, so its fields skip the runtime's exclusivity checks, which would otherwise cost
/// a `swift_beginAccess` call per append.
final class ByteWriter {
    @exclusivity(unchecked) private var storage: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        storage = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit {
        storage.deallocate()
    }

    /// The bytes written so far.
    var bytes: [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// Calls `body` with the bytes written so far, without copying them.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// Forgets the bytes written, keeping the memory.
    func removeAll() {
        count = 0
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (storage + count).copyMemory(from: source, byteCount: bytes.count)
        count &+= bytes.count
    }

    /// Appends what `body` puts through a ``ByteCursor``: at most `maxCount` bytes, for which one
    /// capacity check is made up front instead of one per piece.
    @inline(__always)
    func append(atMost maxCount: Int, _ body: (inout ByteCursor) -> Void) {
        if count &+ maxCount > capacity { grow(to: count &+ maxCount) }
        var cursor = ByteCursor(position: storage + count)
        body(&cursor)
        count = cursor.position - storage
    }

    /// Appends `count` bytes that `body` writes in place.
    @inline(__always)
    func append(count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        if self.count + count > capacity { grow(to: self.count + count) }
        body(UnsafeMutableRawBufferPointer(start: storage + self.count, count: count))
        self.count += count
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    func append(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if copied == nil { Array(text.utf8).withUnsafeBytes { append($0) } }
    }

    /// Appends what `other` holds.
    func append(_ other: ByteWriter) {
        append(UnsafeRawBufferPointer(start: other.storage, count: other.count))
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
        newStorage.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}

/// Where the next byte goes, in room a ``ByteWriter`` made with `append(atMost:_:)`: a put is a store
/// and an increment, with no capacity check.
struct ByteCursor {
    fileprivate(set) var position: UnsafeMutableRawPointer

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        position.storeBytes(of: byte, as: UInt8.self)
        position += 1
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        position.copyMemory(from: source, byteCount: bytes.count)
        position += bytes.count
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        put(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The UTF-8 bytes of `text` (a tag table's string: native, so read in place).
    @inline(__always)
    mutating func put(native text: String) {
        var text = text
        text.withUTF8 { put(UnsafeRawBufferPointer($0)) }
    }
}
