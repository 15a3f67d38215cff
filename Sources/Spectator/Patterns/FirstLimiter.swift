/// Lets the first `limit` distinct values through, and turns every later new value into
/// ``CardinalityLimiters/others``, for good. Make one with ``CardinalityLimiters/first(_:)``.
///
/// ```swift
/// let regions = CardinalityLimiters.first(5)
/// regions.limit("us-east-1")  // "us-east-1", while fewer than 5 others came first
/// ```
///
/// A value already let through costs a hash and a lookup without a lock, and allocates nothing.
public final class FirstLimiter: CardinalityLimiter {
    private let values: AdmittedValues

    init(_ limit: Int) {
        values = AdmittedValues(capacity: min(limit, CardinalityLimiters.maximumLimit))
    }

    public func limit(_ value: String) -> String {
        let hash = values.hash(value)
        if values.contains(value, hash: hash) { return value }
        return admit(value, hash: hash)
    }

    /// A value not let through yet: in if there is room, else ``CardinalityLimiters/others``.
    @inline(never)
    private func admit(_ value: String, hash: UInt64) -> String {
        values.insert(value, hash: hash) ? value : CardinalityLimiters.others
    }

    /// How many distinct values it lets through: at most the limit.
    public var admittedCount: Int { values.count }
}
