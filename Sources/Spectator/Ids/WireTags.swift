/// The tags of an id's wire form (`name,key=value,...`), read one at a time as key and value bytes.
///
/// Sanitised keys and values never hold `,` or `=`, so the delimiters alone mark the parts.
struct WireTags: IteratorProtocol {
    private let wire: UnsafeRawBufferPointer
    /// Where the next tag's `,` is.
    private var position: Int

    /// The tags of `wire`, whose name takes its first `nameLength` bytes.
    init(wire: UnsafeRawBufferPointer, nameLength: Int) {
        self.wire = wire
        position = nameLength
    }

    mutating func next() -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)? {
        guard position < wire.count else { return nil }
        let keyStart = position + 1
        var equals = keyStart
        while wire[equals] != UInt8(ascii: "=") { equals += 1 }
        var end = equals + 1
        while end < wire.count && wire[end] != UInt8(ascii: ",") { end += 1 }
        position = end
        return (
            UnsafeRawBufferPointer(rebasing: wire[keyStart..<equals]),
            UnsafeRawBufferPointer(rebasing: wire[(equals + 1)..<end])
        )
    }
}
