extension String {
    /// A small string's bytes as two words, as ``LookupHash`` takes a part of at most 15 bytes: bytes
    /// 0–7 in memory order, then bytes 8–14 with the count in the top byte (zeros after the last
    /// byte); `nil` for any other string, and on platforms where the words are laid out otherwise.
    ///
    /// Literals, interpolations and `String(200)` of up to 15 bytes are small: stored in the string
    /// itself, not on the heap. Reading their bytes this way costs a few register operations; `utf8`
    /// copies them to the stack first. In the stable layout of `String` on 64-bit platforms, a small
    /// string's second word holds its flags in the top four bits (bit 61 marks a small string) and its
    /// count in the next four, and its unused bytes are zero, so equal small strings have equal words.
    @inlinable @inline(__always)
    var smallWords: (low: UInt64, high: UInt64)? {
        #if _pointerBitWidth(_64) && _endian(little)
        let (first, second) = unsafeBitCast(self, to: (UInt64, UInt64).self)
        return second & (1 << 61) != 0 ? (first, second & 0x0FFF_FFFF_FFFF_FFFF) : nil
        #else
        return nil
        #endif
    }
}
