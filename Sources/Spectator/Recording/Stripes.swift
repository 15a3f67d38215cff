public import Synchronization

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
