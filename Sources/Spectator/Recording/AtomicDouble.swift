import Synchronization

/// A `Double` updated atomically through its bit pattern in an `Atomic<UInt64>`.
///
/// - Note: ``add(_:)`` and ``raiseToMaximum(_:)`` are compare-and-swap loops; keep them off paths
///   that an integer `wrappingAdd` can serve.
struct AtomicDouble: ~Copyable, Sendable {
    private let bits: Atomic<UInt64>

    init(_ value: Double) {
        bits = Atomic(value.bitPattern)
    }

    func load() -> Double {
        Double(bitPattern: bits.load(ordering: .relaxed))
    }

    func store(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    /// Replaces the value and returns the previous one.
    func exchange(_ value: Double) -> Double {
        Double(bitPattern: bits.exchange(value.bitPattern, ordering: .relaxed))
    }

    /// Adds `amount` to the value.
    func add(_ amount: Double) {
        var current = bits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = bits.weakCompareExchange(
                expected: current,
                desired: next,
                ordering: .relaxed
            )
            if exchanged { return }
            current = original
        }
    }

    /// Sets the value to `candidate` if `candidate` is larger; writes nothing otherwise.
    func raiseToMaximum(_ candidate: Double) {
        var current = bits.load(ordering: .relaxed)
        while candidate > Double(bitPattern: current) {
            let (exchanged, original) = bits.weakCompareExchange(
                expected: current,
                desired: candidate.bitPattern,
                ordering: .relaxed
            )
            if exchanged { return }
            current = original
        }
    }
}
