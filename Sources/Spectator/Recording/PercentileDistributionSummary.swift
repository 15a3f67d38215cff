/// A ``DistributionSummary`` that also counts every amount in Spectator's percentile buckets.
///
/// Each step publishes the summary's four statistics plus one `statistic=percentile` delta per bucket
/// hit, tagged `percentile=D0000` … `D0113`. Amounts are bucketed by their integral part, as SpectatorD
/// does (amounts beyond `Int64.max` go to the last bucket).
///
/// ```swift
/// let sizes = registry.percentileDistributionSummary("server.responseSize")
/// sizes.record(1024)
/// ```
///
/// Created with a `range`, it clamps amounts into that range before bucketing; created with
/// `localPercentiles: true`, it keeps the bucket counts of completed steps for
/// ``percentile(_:over:)`` and ``bucketCounts(over:)``.
public final class PercentileDistributionSummary: AmountRecording, Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    /// The amounts this summary's bucketing clamps to (all of `Int64` by default, as SpectatorD).
    public let range: ClosedRange<Int64>

    private let distribution = StepDistribution()
    private let buckets = PercentileCounts()
    private let readBack: PercentileReadBack?

    @usableFromInline static let noop = PercentileDistributionSummary(id: .noop)

    @usableFromInline
    convenience init(id: MeterId) {
        self.init(id: id, range: nil, localPercentiles: false)
    }

    /// A summary bucketing amounts clamped to `range` (all of `Int64` when `nil`), keeping counts to
    /// read back when `localPercentiles`.
    @usableFromInline
    init(id: MeterId, range: ClosedRange<Int64>?, localPercentiles: Bool) {
        self.id = id
        self.range = range ?? Int64.min...Int64.max
        readBack = localPercentiles ? PercentileReadBack() : nil
    }

    @inline(__always)
    public func record(_ amount: Int) {
        guard amount >= 0 else { return }
        distribution.record(whole: UInt64(amount), counting: false)
        buckets.record(min(max(Int64(amount), range.lowerBound), range.upperBound))
    }

    @inline(__always)
    public func record(_ amount: Double) {
        guard amount >= 0, amount.isFinite else { return }
        distribution.record(amount: amount, counting: false)
        let integral = amount < 9.223_372_036_854_775_807e18 ? Int64(amount) : .max
        buckets.record(min(max(integral, range.lowerBound), range.upperBound))
    }

    @usableFromInline static var kind: MeterKind { .percentileDistributionSummary }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        buckets.collect(
            with: distribution,
            id: id,
            divisor: 1,
            totalStatistic: .totalAmount,
            isTimer: false,
            readBack: readBack,
            into: &writer
        )
    }

    /// The bucket counts of `window`, one per bucket, or `nil` for a summary created without local
    /// percentiles. Only completed (collected) steps count.
    public func bucketCounts(over window: PercentileWindow) -> [UInt64]? {
        readBack?.counts(window)
    }

    /// The `percentile` (0…100) of the amounts recorded in `window`, estimated from the buckets; `nil`
    /// for a summary created without local percentiles, zero when nothing was recorded. A percentile
    /// below 0 or above 100 is read as 0 or 100, NaN as 0; it never traps.
    public func percentile(_ percentile: Double, over window: PercentileWindow) -> Double? {
        bucketCounts(over: window).map { PercentileBuckets.percentile(percentile, counts: $0) }
    }
}
