/// The recording API timers share: durations as `Duration`, seconds or nanoseconds, and timed closures.
///
/// Negative durations and non-finite seconds are ignored; durations beyond `Int64.max` nanoseconds
/// (292 years) are recorded as `Int64.max`.
public protocol DurationRecording: AnyObject, Sendable {
    /// Records a duration in nanoseconds; negative values are ignored.
    func record(nanoseconds: Int64)
}

extension DurationRecording {
    /// Records `duration`.
    ///
    /// ```swift
    /// timer.record(.milliseconds(42))
    /// ```
    @inline(__always)
    public func record(_ duration: Duration) {
        record(nanoseconds: duration.wholeNanoseconds)
    }

    /// Records a duration given in seconds; NaN, infinite and negative values are ignored.
    @inline(__always)
    public func record(seconds: Double) {
        guard seconds >= 0, seconds.isFinite else { return }
        let nanoseconds = seconds * 1e9
        // `Double(Int64.max)` rounds up to 2⁶³, the first value `Int64(_:)` cannot hold (it would trap).
        record(nanoseconds: nanoseconds >= Double(Int64.max) ? .max : Int64(nanoseconds.rounded()))
    }

    /// Runs `body` and records how long it took, also when it throws.
    ///
    /// ```swift
    /// let rows = try timer.time { try database.query(sql) }
    /// ```
    public func time<Result>(_ body: () throws -> Result) rethrows -> Result {
        let start = ContinuousClock.now
        defer { record(ContinuousClock.now - start) }
        return try body()
    }

    /// Runs the asynchronous `body` and records how long it took, also when it throws.
    ///
    /// ```swift
    /// let user = try await timer.time { try await client.fetchUser(id) }
    /// ```
    public func time<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Result
    ) async rethrows -> Result {
        let start = ContinuousClock.now
        defer { record(ContinuousClock.now - start) }
        return try await body()
    }
}
