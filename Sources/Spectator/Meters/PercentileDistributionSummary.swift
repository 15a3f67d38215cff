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
public final class PercentileDistributionSummary: AmountRecording, Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let distribution = StepDistribution()
    private let buckets = PercentileCounts()

    @usableFromInline static let noop = PercentileDistributionSummary(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    @inline(__always)
    public func record(_ amount: Int) {
        guard amount >= 0 else { return }
        distribution.record(whole: UInt64(amount), counting: false)
        buckets.record(Int64(amount))
    }

    @inline(__always)
    public func record(_ amount: Double) {
        guard amount >= 0, amount.isFinite else { return }
        distribution.record(amount: amount, counting: false)
        buckets.record(amount < 9.223_372_036_854_775_807e18 ? Int64(amount) : .max)
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
            into: &writer
        )
    }
}
