extension StaticString {
    /// The string's UTF-8, which lives as long as the program.
    var utf8Bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
