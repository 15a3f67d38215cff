/// The `percentile` tag of one bucket: `T%04X` for a timer's, `D%04X` for a distribution summary's.
@usableFromInline
struct PercentileTag: Sendable, Equatable {
    /// Whether the bucket is a timer's (`T…`) rather than a distribution summary's (`D…`).
    let isTimer: Bool
    /// The bucket index, 0 ..< ``PercentileBuckets/count``.
    let index: Int

    /// The tag value, e.g. `T0042`.
    var value: String {
        isTimer ? PercentileBuckets.timerTagValues[index] : PercentileBuckets.distributionTagValues[index]
    }
}
