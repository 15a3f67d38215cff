import Synchronization

/// Lets values through until the (`limit` + 1)-th distinct one arrives; from then on every value,
/// those it let through before too, becomes ``CardinalityLimiters/autoRollup``, so that the tag stops
/// splitting the series at all. Make one with ``CardinalityLimiters/rollup(_:)``.
///
/// ```swift
/// let endpoints = CardinalityLimiters.rollup(25)
/// endpoints.limit("/users/:id")  // "/users/:id", until a 26th endpoint shows up
/// ```
///
/// A value already let through costs a hash and a lookup without a lock, and allocates nothing; once
/// rolled up, a value costs one load.
public final class RollupLimiter: CardinalityLimiter {
    private let values: AdmittedValues
    private let rolledUp = Atomic(false)

    init(_ limit: Int) {
        values = AdmittedValues(capacity: limit)
    }

    public func limit(_ value: String) -> String {
        if rolledUp.load(ordering: .relaxed) { return CardinalityLimiters.autoRollup }
        let hash = values.hash(value)
        if values.contains(value, hash: hash) { return value }
        return ordinal(inserting: value, hash: hash) == Self.rolledUpOrdinal ? CardinalityLimiters.autoRollup : value
    }

    /// The ordinal of a value let through: its value's place in the order values first came (1 for
    /// the first), or ``rolledUpOrdinal`` once the values roll up, so that a caller can key its own
    /// tables by a small number; ``value(forOrdinal:)`` gives the value back.
    @inline(__always)
    func ordinal(_ value: String) -> Int {
        if rolledUp.load(ordering: .relaxed) { return Self.rolledUpOrdinal }
        let hash = values.hash(value)
        let found = values.ordinal(of: value, hash: hash)
        return found != 0 ? found : ordinal(inserting: value, hash: hash)
    }

    /// A value not let through yet: its ordinal if there is room, else the roll-up of every value.
    @inline(never)
    private func ordinal(inserting value: String, hash: UInt64) -> Int {
        let ordinal = values.ordinal(inserting: value, hash: hash)
        if ordinal != 0 { return ordinal }
        rolledUp.store(true, ordering: .relaxed)
        return Self.rolledUpOrdinal
    }

    /// What ``ordinal(_:)`` answers once the values roll up.
    static let rolledUpOrdinal = Int(UInt16.max)

    /// The value an ``ordinal(_:)`` stands for.
    func value(forOrdinal ordinal: Int) -> String {
        ordinal == Self.rolledUpOrdinal ? CardinalityLimiters.autoRollup : values.value(at: ordinal)
    }

    /// Whether more than the limit of distinct values arrived, so that every value rolls up.
    public var isRolledUp: Bool { rolledUp.load(ordering: .relaxed) }
}
