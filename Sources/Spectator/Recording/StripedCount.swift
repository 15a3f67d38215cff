public import Synchronization

/// A counter's count: whole amounts cost one atomic add on its own cell until several threads hammer
/// it, and then spread over per-thread stripes so that the threads stop fighting over one cache line.
///
/// Two words: the cell, and ``state``, which holds either the last contention mark or the address of
/// the count's ``Stripes``. Uncontended, an add is one `wrappingAdd` plus two comparisons. The
/// contention signal costs nothing on that path: each time the cell crosses a multiple of
/// ``sampleInterval``, the adding thread leaves its mark (thread and time) in ``state``. When the
/// previous mark was left by another thread less than ``contentionWindowMicros`` earlier, two threads
/// are adding at millions per second between them, and the count allocates its stripes (once, 1 KiB);
/// from then on each thread adds to the stripe of its own. A counter that many threads touch now and
/// then never inflates: its marks are far apart. Fractional amounts are rare, and go to a `Double`
/// kept beside the stripes, allocating them on first use. Reading sums the cell and the stripes.
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
    /// rest; or the address of the retained ``Stripes``.
    @usableFromInline let state = Atomic<UInt64>(0)

    init() {}

    deinit {
        Self.stripes(state.load(ordering: .acquiring))?.release()
    }

    /// The stripes `state` holds, if it holds an address.
    static func stripes(_ state: UInt64) -> Unmanaged<Stripes>? {
        guard Int64(bitPattern: state) > 0 else { return nil }
        return Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: UInt(state)).unsafelyUnwrapped)
    }

    /// Adds `amount` to the cell, unless the count has stripes; calls `slowPath` (out of line in the
    /// owner) with `false` when it added nothing because the count is striped, and with `true` when
    /// the add crossed a multiple of ``sampleInterval``: then ``addSlowly(_:added:)`` finishes.
    ///
    /// The owner makes the call, so that its `self` (in the register that holds it) stays as it is,
    /// and an inlined add needs no stack frame of its own on the path that takes no call.
    @inlinable @inline(__always)
    func add(_ amount: UInt64, slowPath: (_ added: Bool) -> Void) {
        if _slowPath(Int64(bitPattern: state.load(ordering: .acquiring)) > 0) { return slowPath(false) }
        let previous = base.wrappingAdd(amount, ordering: .relaxed).oldValue
        // Bits above the interval change only when the add crossed a multiple of it.
        if _slowPath(previous ^ (previous &+ amount) >= Self.sampleInterval) {
            slowPath(true)
        }
    }

    /// The rest of an ``add(_:slowPath:)``: `amount` goes to this thread's stripe when it was not
    /// added; when it was, this thread leaves its mark.
    func addSlowly(_ amount: UInt64, added: Bool) {
        guard added else {
            if let stripes = Self.stripes(state.load(ordering: .acquiring)) {
                stripes._withUnsafeGuaranteedRef { $0.add(amount) }
            } else {
                base.wrappingAdd(amount, ordering: .relaxed)
            }
            return
        }
        sample()
    }

    /// Adds a fractional `amount`.
    func add(fraction amount: Double) {
        stripes()._withUnsafeGuaranteedRef { $0.fraction.add(amount) }
    }

    /// Leaves this thread's mark and inflates when the previous mark shows another thread adding too.
    private func sample() {
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
    private func stripes() -> Unmanaged<Stripes> {
        var current = state.load(ordering: .acquiring)
        if let stripes = Self.stripes(current) { return stripes }
        let fresh = Unmanaged.passRetained(Stripes())
        let address = UInt64(UInt(bitPattern: fresh.toOpaque()))
        while true {
            let (exchanged, found) = state.compareExchange(
                expected: current,
                desired: address,
                ordering: .acquiringAndReleasing
            )
            if exchanged { return fresh }
            if let stripes = Self.stripes(found) {
                fresh.release()
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
        return stripes._withUnsafeGuaranteedRef { stripes in
            Double(whole &+ stripes.exchangeTotal()) + stripes.fraction.exchange(0)
        }
    }

    /// Whether the count has its stripes.
    var isStriped: Bool { Self.stripes(state.load(ordering: .acquiring)) != nil }
}
