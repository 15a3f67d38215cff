import Spectator

/// A distribution summary or percentile distribution summary as ``RecordedMeters`` read it.
public struct RecordedDistributionSummary: Sendable, Equatable {
    /// How many amounts were recorded.
    public let count: Int
    /// The recorded amounts added up.
    public let totalAmount: Double
    /// The largest amount recorded.
    public let max: Double
    /// A percentile summary's bucket counts; empty for a plain summary.
    let bucketCounts: [UInt64]

    /// The average amount, or `nil` when none was recorded.
    public var mean: Double? { count > 0 ? totalAmount / Double(count) : nil }

    /// The `percentile`th percentile (0…100) of a percentile summary's amounts, estimated from its
    /// buckets as Atlas does; `nil` for a plain summary, or when nothing was recorded.
    public func percentile(_ percentile: Double) -> Double? {
        guard bucketCounts.contains(where: { $0 > 0 }) else { return nil }
        return PercentileBuckets.percentile(percentile, counts: bucketCounts)
    }
}
