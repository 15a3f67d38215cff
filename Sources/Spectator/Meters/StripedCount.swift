import Synchronization

/// A whole-number count that costs one atomic cell until two threads collide on it, and then spreads
/// over per-thread stripes so that threads stop fighting over one cache line.
///
/// Uncontended, an add is a load and a compare-and-swap on the meter's own cell (4.00 ns against
/// 2.42 ns for a plain atomic add in Benchmarks/README.md). The first failed compare-and-swap means another thread got in between: the
/// count allocates ``Stripes`` (once, 1 KiB) and from then on each thread adds to the stripe its
/// thread id hashes to. Reading sums the cell and the stripes.
struct StripedCount: ~Copyable, Sendable {
    private let base = Atomic<UInt64>(0)
    private let stripes = Atomic<Unmanaged<Stripes>?>(nil)

    init() {}

    deinit {
        stripes.load(ordering: .acquiring)?.release()
    }

    @inline(__always)
    func add(_ amount: UInt64) {
        if let stripes = stripes.load(ordering: .acquiring) {
            stripes._withUnsafeGuaranteedRef { $0.add(amount) }
            return
        }
        let current = base.load(ordering: .relaxed)
        if !base.compareExchange(expected: current, desired: current &+ amount, ordering: .relaxed).exchanged {
            addContended(amount)
        }
    }

    /// Spreads the count over stripes (unless another thread just did) and adds there.
    @inline(never)
    private func addContended(_ amount: UInt64) {
        let fresh = Unmanaged.passRetained(Stripes())
        let (installed, existing) = stripes.compareExchange(
            expected: nil,
            desired: fresh,
            ordering: .acquiringAndReleasing
        )
        let active = installed ? fresh : existing!
        if !installed { fresh.release() }
        active._withUnsafeGuaranteedRef { $0.add(amount) }
    }

    /// The count since the previous call, which resets it.
    func exchangeTotal() -> UInt64 {
        var total = base.exchange(0, ordering: .relaxed)
        if let stripes = stripes.load(ordering: .acquiring) {
            total &+= stripes._withUnsafeGuaranteedRef { $0.exchangeTotal() }
        }
        return total
    }
}

/// Sixteen counters on separate cache lines.
final class Stripes: Sendable {
    private static let count = 16
    /// Atomics are 8 bytes; using every 8th keeps each stripe on its own 64-byte line.
    private static let spacing = 8
    private let cells: InlineArray<128, Atomic<UInt64>>

    init() {
        cells = InlineArray { _ in Atomic(0) }
    }

    @inline(__always)
    func add(_ amount: UInt64) {
        let stripe = Int(truncatingIfNeeded: (Platform.currentThreadID() &* 0x9E37_79B9_7F4A_7C15) >> 60)
        cells[stripe * Self.spacing].wrappingAdd(amount, ordering: .relaxed)
    }

    func exchangeTotal() -> UInt64 {
        (0..<Self.count).reduce(0) { $0 &+ cells[$1 * Self.spacing].exchange(0, ordering: .relaxed) }
    }
}
