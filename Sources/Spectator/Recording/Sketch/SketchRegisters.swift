public import Synchronization

/// The 64 HyperLogLog registers of a ``DistinctCountSketch``, a byte each, eight to an atomic word
/// (64 bytes in all): a register holds the largest rank (1 … 59) a hash gave it in the step, 0 when it
/// saw none.
@usableFromInline
struct SketchRegisters: ~Copyable, Sendable {
    @usableFromInline let words: InlineArray<8, Atomic<UInt64>>

    init() {
        words = InlineArray { _ in Atomic(0) }
    }

    /// Raises the register that `hash` selects to the hash's rank: the register is the hash's low six
    /// bits, the rank one more than the leading zeros of the other 58 (59 when they are all zero).
    /// Once the register holds that rank, this is one load.
    @inlinable @inline(__always)
    func record(hash: UInt64) {
        let register = Int(truncatingIfNeeded: hash & 63)
        // The six index bits shifted out count as leading zeros: take them back off (64 - 5 = 59).
        let rank = UInt64(truncatingIfNeeded: (hash &>> 6).leadingZeroBitCount &- 5)
        let shift = UInt64(truncatingIfNeeded: (register & 7) &<< 3)
        let word = register &>> 3
        var current = words[unchecked: word].load(ordering: .relaxed)
        while current &>> shift & 0xFF < rank {
            let raised = current & ~(0xFF &<< shift) | rank &<< shift
            let (exchanged, found) = words[unchecked: word].weakCompareExchange(
                expected: current,
                desired: raised,
                ordering: .relaxed
            )
            if exchanged { return }
            current = found
        }
    }

    /// The hash that raises exactly `register` to exactly `rank` (1 … 59): the register in the low six
    /// bits, and a single one bit `rank - 1` places below the top for ranks up to 58 (none for 59).
    /// This is how a step's registers travel as SpectatorD `s:` lines.
    static func canonicalHash(register: Int, rank: Int) -> UInt64 {
        let low = UInt64(truncatingIfNeeded: register & 63)
        return rank >= 59 ? low : 1 &<< UInt64(64 &- rank) | low
    }

    /// The registers' ranks, register 0 first, without resetting them.
    func ranks() -> [Int] {
        var ranks: [Int] = []
        ranks.reserveCapacity(64)
        for word in 0..<8 {
            let bits = words[word].load(ordering: .relaxed)
            for byte in 0..<8 { ranks.append(Int(truncatingIfNeeded: bits &>> UInt64(byte &* 8) & 0xFF)) }
        }
        return ranks
    }

    /// Writes one `statistic=distinct` maximum per register that saw a value, tagged with the register
    /// (`distinct=R05`), and resets the registers.
    ///
    /// - Returns: whether any register saw a value.
    func collect<Writer: MeasurementWriter>(id: MeterId, into writer: inout Writer) -> Bool {
        var active = false
        for word in 0..<8 {
            guard words[word].load(ordering: .relaxed) != 0 else { continue }
            let bits = words[word].exchange(0, ordering: .relaxed)
            for byte in 0..<8 {
                let rank = bits &>> UInt64(byte &* 8) & 0xFF
                guard rank != 0 else { continue }
                writer.emit(id, .distinct, Double(rank), .max, bucket: .register(word &* 8 &+ byte))
                active = true
            }
        }
        return active
    }
}
