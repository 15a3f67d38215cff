public import Synchronization

/// A whole-number count that costs one atomic add on its own cell until several threads hammer it,
/// and then spreads over per-thread stripes so that the threads stop fighting over one cache line.
///
/// Uncontended, an add is one `wrappingAdd` plus a comparison. The contention signal costs nothing
/// on that path: each time the count crosses a multiple of ``sampleInterval``, the adding thread
/// leaves its mark (thread and time) in ``lastSample``. When the previous mark was left by another
/// thread less than ``contentionWindowMicros`` earlier, two threads are adding at millions per
/// second between them, and the count allocates ``Stripes`` (once, 1 KiB); from then on each thread
/// adds to the stripe of its own. A counter that many threads touch now and then never inflates:
/// its samples are far apart. Reading sums the cell and the stripes.
///
/// The add is inlinable, so that a held counter's `increment()` compiles into the caller's loop.
@usableFromInline
struct StripedCount: ~Copyable, Sendable {
    /// How often (in counted units) a thread leaves its mark: rare enough to cost nothing per add.
    @usableFromInline static let sampleInterval: UInt64 = 1024
    /// Two marks of different threads closer than this mean contention worth striping for.
    static let contentionWindowMicros: UInt64 = 200

    @usableFromInline let base = Atomic<UInt64>(0)
    @usableFromInline let stripes = Atomic<Unmanaged<Stripes>?>(nil)
    /// The last mark: the thread's tag in the top 16 bits, monotonic microseconds in the rest.
    private let lastSample = Atomic<UInt64>(0)

    init() {}

    deinit {
        stripes.load(ordering: .acquiring)?.release()
    }

    @inlinable @inline(__always)
    func add(_ amount: UInt64) {
        if let stripes = stripes.load(ordering: .acquiring) {
            stripes._withUnsafeGuaranteedRef { $0.add(amount) }
            return
        }
        let previous = base.wrappingAdd(amount, ordering: .relaxed).oldValue
        // Bits above the interval change only when the add crossed a multiple of it.
        if previous ^ (previous &+ amount) >= Self.sampleInterval {
            sample()
        }
    }

    /// Leaves this thread's mark and inflates when the previous mark shows another thread adding too.
    @usableFromInline @inline(never)
    func sample() {
        let thread = (Platform.currentThreadID() &* 0x9E37_79B9_7F4A_7C15) >> 48
        let micros = UInt64(Platform.monotonicNanos() / 1000) & 0xFFFF_FFFF_FFFF
        let previous = lastSample.exchange(thread << 48 | micros, ordering: .relaxed)
        let previousThread = previous >> 48
        let previousMicros = previous & 0xFFFF_FFFF_FFFF
        guard previous != 0, previousThread != thread, micros &- previousMicros < Self.contentionWindowMicros else {
            return
        }
        let fresh = Unmanaged.passRetained(Stripes())
        if !stripes.compareExchange(expected: nil, desired: fresh, ordering: .acquiringAndReleasing).exchanged {
            fresh.release()
        }
    }

    /// The count since the previous call, which resets it.
    func exchangeTotal() -> UInt64 {
        var total = base.exchange(0, ordering: .relaxed)
        if let stripes = stripes.load(ordering: .acquiring) {
            total &+= stripes._withUnsafeGuaranteedRef { $0.exchangeTotal() }
        }
        return total
    }

    /// Whether the count has spread over stripes.
    var isStriped: Bool { stripes.load(ordering: .acquiring) != nil }
}
