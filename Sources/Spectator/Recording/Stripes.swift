import Synchronization

/// Sixteen counters on separate cache lines, and a counter's fractional amounts.
final class Stripes: Sendable {
    private static let count = 16
    /// Every `atomicsPerCacheLine`-th atomic: each stripe on a cache line of its own (64 bytes, 128
    /// on Apple silicon).
    static var spacing: Int { atomicsPerCacheLine }
    let cells = AtomicCells<UInt64>(
        count: Stripes.count * atomicsPerCacheLine,
        alignment: atomicsPerCacheLine * MemoryLayout<UInt64>.size
    )
    /// The sum of the fractional amounts added.
    let fraction = AtomicDouble(0)

    init() {}

    /// Adds to the calling thread's stripe.
    ///
    /// The stripe is chosen by the address of a local variable: every thread has a stack of its own
    /// (at least 64 KiB apart), so the address tells threads apart without a call into libc. Two
    /// threads may share a stripe; that costs speed, never correctness.
    func add(_ amount: UInt64) {
        var marker: UInt8 = 0
        let address = withUnsafeMutablePointer(to: &marker) { UInt64(UInt(bitPattern: $0)) }
        let stripe = Int(truncatingIfNeeded: ((address >> 16) &* 0x9E37_79B9_7F4A_7C15) >> 60)
        cells[stripe * Self.spacing].wrappingAdd(amount, ordering: .relaxed)
    }

    func exchangeTotal() -> UInt64 {
        (0..<Self.count).reduce(0) { $0 &+ cells[$1 * Self.spacing].exchange(0, ordering: .relaxed) }
    }
}
