/// Bounds the distinct values of a tag: maps each value to itself or to a replacement, so that a
/// runaway value (a user id, a raw path) cannot create unbounded series, while every count stays
/// whole (it lands on the replacement).
///
/// Keep one limiter per tag and share it wherever that tag is recorded:
///
/// ```swift
/// let paths = CardinalityLimiters.first(10)
/// registry.counter("server.requestCount", tags: ["path": paths.limit(request.path)]).increment()
/// ```
///
/// Every limiter is safe to call from any thread.
public protocol CardinalityLimiter: AnyObject, Sendable {
    /// The value to record for `value`: `value` itself, or the limiter's replacement.
    func limit(_ value: String) -> String
}

/// The family's cardinality limiters (spectator-java's `CardinalityLimiters`) and their replacement
/// values.
///
/// ```swift
/// let endpoints = CardinalityLimiters.rollup(25)
/// let users = CardinalityLimiters.mostFrequent(20)
/// ```
public enum CardinalityLimiters {
    /// What ``first(_:)`` and ``mostFrequent(_:clock:)`` record for a value they do not let through.
    public static let others = "--others--"

    /// What ``rollup(_:)`` records for every value once it has rolled up.
    public static let autoRollup = "--auto-rollup--"

    /// The largest `limit` that ``first(_:)`` and ``mostFrequent(_:clock:)`` take; a larger one is
    /// lowered to it.
    public static let maximumLimit = 100

    /// The first `limit` distinct values pass (at most ``maximumLimit``); every later new value
    /// becomes ``others``, for good.
    public static func first(_ limit: Int) -> FirstLimiter {
        FirstLimiter(limit)
    }

    /// The values seen most often pass (at most `limit`, up to ``maximumLimit``); the rest become
    /// ``others``. The cut is refreshed at most every 10 minutes on `clock`'s wall time; see
    /// ``MostFrequentLimiter``.
    public static func mostFrequent(_ limit: Int, clock: some SpectatorClock = SystemClock()) -> MostFrequentLimiter {
        MostFrequentLimiter(limit, clock: clock)
    }

    /// Values pass until the (`limit` + 1)-th distinct one arrives; from then on every value, old
    /// ones too, becomes ``autoRollup``, so that the tag stops splitting the series.
    public static func rollup(_ limit: Int) -> RollupLimiter {
        RollupLimiter(limit)
    }
}
