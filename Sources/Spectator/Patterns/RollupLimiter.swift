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
        return admit(value, hash: hash)
    }

    /// A value not let through yet: in if there is room, else the roll-up of every value.
    @inline(never)
    private func admit(_ value: String, hash: UInt64) -> String {
        if values.insert(value, hash: hash) { return value }
        rolledUp.store(true, ordering: .relaxed)
        return CardinalityLimiters.autoRollup
    }

    /// Whether more than the limit of distinct values arrived, so that every value rolls up.
    public var isRolledUp: Bool { rolledUp.load(ordering: .relaxed) }
}
