/// The tag that names one bucket of a meter's step: a percentile bucket's `percentile` tag
/// (`T%04X` for a timer's, `D%04X` for a distribution summary's) or a distinct-count sketch
/// register's `distinct` tag (`R%02X`).
@usableFromInline
struct BucketTag: Sendable, Equatable {
    /// Which family of buckets the index counts in.
    enum Kind: UInt8, Sendable {
        case timerPercentile, summaryPercentile, sketchRegister
    }

    let kind: Kind
    /// The bucket index: 0 ..< ``PercentileBuckets/count`` for a percentile, 0 ..< 64 for a register.
    let index: Int

    /// A percentile bucket's tag, a timer's (`T…`) or a distribution summary's (`D…`).
    static func percentile(isTimer: Bool, index: Int) -> BucketTag {
        BucketTag(kind: isTimer ? .timerPercentile : .summaryPercentile, index: index)
    }

    /// A distinct-count sketch register's tag.
    static func register(_ index: Int) -> BucketTag {
        BucketTag(kind: .sketchRegister, index: index)
    }

    /// Whether this is a percentile bucket's tag (rather than a sketch register's).
    var isPercentile: Bool { kind != .sketchRegister }

    /// The tag key: `percentile` or `distinct`.
    var key: StaticString { isPercentile ? "percentile" : "distinct" }

    /// The tag value, e.g. `T0042` or `R05`.
    var value: String {
        switch kind {
        case .timerPercentile: PercentileBuckets.timerTagValues[index]
        case .summaryPercentile: PercentileBuckets.distributionTagValues[index]
        case .sketchRegister: DistinctCountSketch.registerTagValues[index]
        }
    }
}
