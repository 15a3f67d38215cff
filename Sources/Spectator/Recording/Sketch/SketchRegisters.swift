public import Synchronization

/// The 64 HyperLogLog registers of a ``DistinctCountSketch``, an atomic byte each (64 bytes in all):
/// a register holds the largest rank (1 … 59) a hash gave it in the step, 0 when it saw none.
@usableFromInline
struct SketchRegisters: ~Copyable, Sendable {
    @usableFromInline let ranks = SketchRankCells.sketchRanks()

    init() {}

    /// Raises the register that `hash` selects to the hash's rank: the register is the hash's low six
    /// bits, the rank one more than the leading zeros of the other 58 (59 when they are all zero).
    /// Once the register holds that rank, this is one load and a comparison.
    @inlinable @inline(__always)
    func record(hash: UInt64) {
        let register = Int(truncatingIfNeeded: hash & 63)
        // The six index bits shifted out count as leading zeros: take them back off (64 - 5 = 59).
        let rank = UInt8(truncatingIfNeeded: (hash &>> 6).leadingZeroBitCount &- 5)
        guard ranks[unchecked: register].load(ordering: .relaxed) < rank else { return }
        raise(register, to: rank)
    }

    /// Raises `register` to `rank` unless another thread has raised it as high already.
    @usableFromInline @inline(never)
    func raise(_ register: Int, to rank: UInt8) {
        var current = ranks[register].load(ordering: .relaxed)
        while current < rank {
            let (exchanged, found) = ranks[register].weakCompareExchange(
                expected: current,
                desired: rank,
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
    func values() -> [Int] {
        (0..<64).map { Int(ranks[$0].load(ordering: .relaxed)) }
    }

    /// Writes one `statistic=distinct` maximum per register that saw a value, tagged with the register
    /// (`distinct=R05`), and resets the registers.
    ///
    /// - Returns: whether any register saw a value.
    func collect<Writer: MeasurementWriter>(id: MeterId, into writer: inout Writer) -> Bool {
        var active = false
        for register in 0..<64 where ranks[register].load(ordering: .relaxed) != 0 {
            let rank = ranks[register].exchange(0, ordering: .relaxed)
            guard rank != 0 else { continue }
            writer.emit(id, .distinct, Double(rank), .max, bucket: .register(register))
            active = true
        }
        return active
    }
}
