public import Synchronization

/// A counter's count: whole amounts cost one atomic add on its own cell until several threads hammer
/// it, and then spread over per-thread stripes so that the threads stop fighting over one cache line.
///
/// Two words: the cell, and ``state``, which holds either the last contention mark or the address of
/// the count's ``Stripes``. Uncontended, an add is one `wrappingAdd` plus two comparisons. The
/// contention signal costs nothing on that path: each time the cell crosses a multiple of
/// ``sampleInterval``, the adding thread leaves its mark (thread and time) in ``state``. When the
/// previous mark was left by another thread less than ``contentionWindowMicros`` earlier, two threads
/// are adding at millions per second between them, and the count allocates its stripes (once, 16
/// cache lines and a word); from then on each thread adds to the stripe of its own. A counter that
/// many threads touch now and then never inflates: its marks are far apart. Fractional amounts are
/// rare, and go to a `Double` kept beside the stripes, allocating them on first use. Reading sums the
/// cell and the stripes.
///
/// The add is inlinable, so that a held counter's `increment()` compiles into the caller's loop.
@usableFromInline
struct StripedCount: ~Copyable, Sendable {
    /// How often (in counted units) a thread leaves its mark: rare enough to cost nothing per add.
    @usableFromInline static let sampleInterval: UInt64 = 1024
    /// Two marks of different threads closer than this mean contention worth striping for.
    static let contentionWindowMicros: UInt64 = 200
    /// Set in a mark, never in an address: user-space addresses are below 2⁶³.
    private static let markBit: UInt64 = 1 << 63

    @usableFromInline let base = Atomic<UInt64>(0)
    /// 0; a mark, ``markBit`` set, the thread's tag in bits 48–62 and monotonic microseconds in the
    /// rest; or the address of the count's ``Stripes``.
    @usableFromInline let state = Atomic<UInt64>(0)

    init() {}

    deinit {
        Self.stripes(state.load(ordering: .acquiring))?.deallocate()
    }

    /// The stripes `state` holds, if it holds an address.
    static func stripes(_ state: UInt64) -> Stripes? {
        guard Int64(bitPattern: state) > 0 else { return nil }
        return Stripes(address: state)
    }

    /// Adds `amount` to this thread's stripe if the count has stripes, else to the cell; calls
    /// `leaveMark` (out of line in the owner) when the add crossed a multiple of ``sampleInterval``:
    /// then ``sample()`` looks for contention.
    ///
    /// The owner makes the call, so that its `self` (in the register that holds it) stays as it is,
    /// and an inlined add needs no stack frame of its own on the path that takes no call. A striped add
    /// takes no call either: every add of a hammered counter is the load of ``state``, the stripe's
    /// choice and its atomic add, with no store in between that the atomic add would wait for.
    @inlinable @inline(__always)
    func add(_ amount: UInt64, leaveMark: () -> Void) {
        let current = state.load(ordering: .acquiring)
        if _slowPath(Int64(bitPattern: current) > 0) { return Stripes(address: current).add(amount) }
        let previous = base.wrappingAdd(amount, ordering: .relaxed).oldValue
        // Bits above the interval change only when the add crossed a multiple of it.
        if _slowPath(previous ^ (previous &+ amount) >= Self.sampleInterval) {
            leaveMark()
        }
    }

    /// Adds a fractional `amount`.
    func add(fraction amount: Double) {
        stripes().fraction.pointee.add(amount)
    }

    /// Leaves this thread's mark and inflates when the previous mark shows another thread adding too.
    func sample() {
        let thread = (Platform.currentThreadID() &* 0x9E37_79B9_7F4A_7C15) >> 49
        let micros = UInt64(Platform.monotonicNanos() / 1000) & 0xFFFF_FFFF_FFFF
        let previous = state.load(ordering: .relaxed)
        let mark = Self.markBit | thread << 48 | micros
        guard Int64(bitPattern: previous) <= 0,
            state.compareExchange(expected: previous, desired: mark, ordering: .relaxed).exchanged
        else { return }
        let previousThread = previous >> 48 & 0x7FFF
        let previousMicros = previous & 0xFFFF_FFFF_FFFF
        guard previous != 0, previousThread != thread, micros &- previousMicros < Self.contentionWindowMicros else {
            return
        }
        _ = stripes()
    }

    /// The count's stripes, allocated if it has none yet.
    private func stripes() -> Stripes {
        var current = state.load(ordering: .acquiring)
        if let stripes = Self.stripes(current) { return stripes }
        let fresh = Stripes.allocate()
        while true {
            let (exchanged, found) = state.compareExchange(
                expected: current,
                desired: fresh.address,
                ordering: .acquiringAndReleasing
            )
            if exchanged { return fresh }
            if let stripes = Self.stripes(found) {
                fresh.deallocate()
                return stripes
            }
            // Another thread left its mark meanwhile.
            current = found
        }
    }

    /// The count since the previous call, which resets it.
    func exchangeTotal() -> Double {
        let whole = base.exchange(0, ordering: .relaxed)
        guard let stripes = Self.stripes(state.load(ordering: .acquiring)) else { return Double(whole) }
        return Double(whole &+ stripes.exchangeWhole()) + stripes.fraction.pointee.exchange(0)
    }

    /// Whether the count has its stripes.
    var isStriped: Bool { Self.stripes(state.load(ordering: .acquiring)) != nil }
}
