extension String {
    /// A small string's two words: its UTF-8 bytes (at most 15) in memory order, with its count in
    /// the low nibble of the last byte; `nil` for any other string, and on platforms where the words
    /// are laid out otherwise.
    ///
    /// Literals, interpolations and `String(200)` of up to 15 bytes are small: stored in the string
    /// itself, not on the heap. Reading their bytes this way costs two register moves; `utf8`
    /// copies them to the stack first. Bit 61 of the second word marks a small string on 64-bit
    /// platforms (the stable layout of `String`, whose `==` compares these words first), so equal
    /// small strings have equal words.
    @inlinable @inline(__always)
    var smallWords: (first: UInt64, second: UInt64)? {
        #if _pointerBitWidth(_64) && _endian(little)
        let (first, second) = unsafeBitCast(self, to: (UInt64, UInt64).self)
        return second & (1 << 61) != 0 ? (first, second) : nil
        #else
        return nil
        #endif
    }
}

extension UInt64 {
    /// The byte count held in a small string's second word (see ``Swift/String/smallWords``).
    @inlinable @inline(__always)
    var smallStringCount: Int {
        Int(truncatingIfNeeded: (self >> 56) & 0xF)
    }
}
