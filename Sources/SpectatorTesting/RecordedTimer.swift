import Spectator

/// A timer or percentile timer as ``RecordedMeters`` read it.
public struct RecordedTimer: Sendable, Equatable {
    /// How many durations were recorded.
    public let count: Int
    /// The recorded durations added up.
    public let totalTime: Duration
    /// The longest duration recorded.
    public let max: Duration
    /// A percentile timer's bucket counts; empty for a plain timer.
    let bucketCounts: [UInt64]

    /// The average duration, or `nil` when none was recorded.
    public var mean: Duration? { count > 0 ? totalTime / count : nil }

    /// The `percentile`th percentile (0…100) of a percentile timer's durations, estimated from its
    /// buckets as Atlas does; `nil` for a plain timer, or when nothing was recorded.
    ///
    /// ```swift
    /// #expect(try recorded.timer("server.requestLatency").percentile(99)! < .milliseconds(250))
    /// ```
    public func percentile(_ percentile: Double) -> Duration? {
        guard bucketCounts.contains(where: { $0 > 0 }) else { return nil }
        let nanoseconds = PercentileBuckets.percentile(percentile, counts: bucketCounts)
        return .nanoseconds(Int64(min(nanoseconds, 9.2e18)))
    }
}
