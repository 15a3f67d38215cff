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
    /// The bucket index: 0 ..< ``percentileCount`` for a percentile, 0 ..< ``registerCount`` for a
    /// register.
    let index: Int

    /// How many percentile buckets a percentile meter has (``PercentileBuckets/count``).
    static let percentileCount = 276
    /// How many registers a distinct-count sketch has (``DistinctCountSketch/registerCount``).
    static let registerCount = 64
    /// The `percentile` tag values of a timer's buckets, `T0000` on, made once.
    static let timerValues = (0..<percentileCount).map { String.hexTag("T", $0, digits: 4) }
    /// The `percentile` tag values of a distribution summary's buckets, `D0000` on.
    static let summaryValues = (0..<percentileCount).map { String.hexTag("D", $0, digits: 4) }
    /// The `distinct` tag values of a sketch's registers, `R00` to `R3F`.
    static let registerValues = (0..<registerCount).map { String.hexTag("R", $0, digits: 2) }

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
        case .timerPercentile: Self.timerValues[index]
        case .summaryPercentile: Self.summaryValues[index]
        case .sketchRegister: Self.registerValues[index]
        }
    }
}
