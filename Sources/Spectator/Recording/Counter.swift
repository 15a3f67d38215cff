public import Synchronization

/// Counts events: each step publishes the sum of the increments in that step (`statistic=count`).
///
/// ```swift
/// let requests = registry.counter("server.requestCount", tags: ["status": "200"])
/// requests.increment()
/// requests.increment(by: 3)
/// ```
///
/// Only finite, positive amounts count; zero, negative, NaN and infinite amounts are ignored.
/// Whole increments cost one atomic add on the counter's own cell, and spread over per-thread
/// stripes once threads hammer it together; fractional ones a compare-and-swap on a double kept
/// beside the stripes (16 cache lines and a word, allocated by the first fractional increment).
public final class Counter: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    @usableFromInline let count = StripedCount()

    @usableFromInline static let noop = Counter(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    /// Adds one.
    @inlinable @inline(__always)
    public func increment() {
        count.add(1, leaveMark: { sample() })
    }

    /// Adds `amount` if it is positive.
    @inlinable @inline(__always)
    public func increment(by amount: Int) {
        guard amount > 0 else { return }
        count.add(UInt64(amount), leaveMark: { sample() })
    }

    /// Adds `amount` if it is finite and positive.
    @inline(__always)
    public func increment(by amount: Double) {
        guard amount > 0, amount.isFinite else { return }
        // Whole amounts go to the integer count, which is exact; the bound leaves the count's 64 bits
        // room for 2¹¹ of the largest before it wraps.
        if amount < .exactIntegerLimit, amount.rounded(.towardZero) == amount {
            count.add(UInt64(amount), leaveMark: { sample() })
        } else {
            count.add(fraction: amount)
        }
    }

    /// Out of line: leaves a contention mark (one add in 1 024).
    @usableFromInline @inline(never)
    func sample() {
        count.sample()
    }

    /// Whether the count has spread over per-thread stripes (or holds a fraction beside them).
    var isStriped: Bool { count.isStriped }

    @usableFromInline static var kind: MeterKind { .counter }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        let total = count.exchangeTotal()
        guard total > 0 else { return false }
        writer.emit(id, id.hasOwnStatistic ? nil : .count, total, .delta)
        return true
    }
}

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

/// A counter's sixteen stripes, each an atomic on a cache line of its own, and the sum of its
/// fractional amounts on the line after them: one aligned block, reached through its address alone.
///
/// The address is the whole value, so that a ``StripedCount`` can keep it in its `state` word and an
/// add reaches its stripe with one load of that word, no object or header in between. The count owns
/// the block: it allocates it once with ``allocate()`` and frees it once with ``deallocate()``.
@usableFromInline
struct Stripes: @unchecked Sendable {
    // @unchecked: the block is reached only through `Atomic` operations, and freed once, by its owner.
    private static let count = 16
    /// Every `atomicsPerCacheLine`-th atomic: each stripe on a cache line of its own (64 bytes, 128
    /// on Apple silicon).
    @inlinable static var spacing: Int { atomicsPerCacheLine }
    /// The fraction's cell: the first of the line after the stripes.
    private static var fractionIndex: Int { count * spacing }

    @usableFromInline let base: UnsafeMutablePointer<Atomic<UInt64>>

    /// The block at `address`, as ``address`` gave it.
    @inlinable @inline(__always)
    init(address: UInt64) {
        base = UnsafeMutablePointer(bitPattern: UInt(address)).unsafelyUnwrapped
    }

    private init(base: UnsafeMutablePointer<Atomic<UInt64>>) {
        self.base = base
    }

    /// A new block, every stripe 0 and the fraction 0.
    static func allocate() -> Stripes {
        let stride = MemoryLayout<Atomic<UInt64>>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (fractionIndex + 1) * stride, alignment: spacing * stride)
        let base = raw.bindMemory(to: Atomic<UInt64>.self, capacity: fractionIndex)
        for index in 0..<fractionIndex {
            (base + index).initialize(to: Atomic(0))
        }
        (raw + fractionIndex * stride).bindMemory(to: AtomicDouble.self, capacity: 1).initialize(to: AtomicDouble(0))
        return Stripes(base: base)
    }

    /// Frees the block. Atomics hold nothing to release, so there is nothing to deinitialize first.
    func deallocate() {
        base.deallocate()
    }

    /// The block's address: below 2⁶³, as every user-space address is, and never 0.
    var address: UInt64 { UInt64(UInt(bitPattern: base)) }

    /// Adds to the calling thread's stripe.
    ///
    /// The stripe is chosen by the address of a local variable: every thread has a stack of its own
    /// (at least 64 KiB apart), so the address tells threads apart without a call into libc. Two
    /// threads may share a stripe; that costs speed, never correctness. The variable is not
    /// stack-protected: its address is only read, and a canary would give the caller a stack frame
    /// and a check on every call.
    @inlinable @inline(__always)
    func add(_ amount: UInt64) {
        var marker: UInt8 = 0
        let address = _withUnprotectedUnsafeMutablePointer(to: &marker) { UInt64(UInt(bitPattern: $0)) }
        let stripe = Int(truncatingIfNeeded: ((address >> 16) &* 0x9E37_79B9_7F4A_7C15) >> 60)
        base[stripe &* Self.spacing].wrappingAdd(amount, ordering: .relaxed)
    }

    /// The sum of the fractional amounts added: a compare-and-swap on a double (``AtomicDouble``).
    var fraction: UnsafeMutablePointer<AtomicDouble> {
        UnsafeMutableRawPointer(base + Self.fractionIndex).assumingMemoryBound(to: AtomicDouble.self)
    }

    /// The whole amounts since the previous call, which resets them.
    func exchangeWhole() -> UInt64 {
        (0..<Self.count).reduce(0) { $0 &+ base[$1 &* Self.spacing].exchange(0, ordering: .relaxed) }
    }

}
