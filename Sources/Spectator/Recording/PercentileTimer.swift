/// A ``Timer`` that also counts every duration in Spectator's percentile buckets, so that p50, p99
/// or any other percentile can be computed across all instances of a service.
///
/// Each step publishes the timer's four statistics plus one `statistic=percentile` delta per bucket
/// hit, tagged `percentile=T0000` … `T0113`. Durations are clamped to 1 ns … 24 h before bucketing,
/// as SpectatorD does, so the buckets match what the sidecar would have built.
///
/// ```swift
/// let latency = registry.percentileTimer("server.requestLatency", tags: ["endpoint": "/users"])
/// latency.record(.milliseconds(42))
/// ```
///
/// Recording costs the timer's atomics plus one bucket increment; the 276 counts live inside the
/// meter, so nothing is allocated.
///
/// Created with a `range` (``Registry/percentileTimer(_:tags:range:localPercentiles:)``), it clamps
/// durations into that range instead, as Spectator Java's builder does: fewer distinct buckets are
/// published. Created with `localPercentiles: true`, it also keeps the bucket counts of completed steps
/// for ``percentile(_:over:)`` and ``bucketCounts(over:)``.
public final class PercentileTimer: DurationRecording, Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    /// The durations, in nanoseconds, that bucketing clamps to: SpectatorD's 1 ns … 24 h.
    public static let bucketedRange: ClosedRange<Int64> = 1...86_400_000_000_000

    /// The durations, in nanoseconds, this timer's bucketing clamps to.
    public let range: ClosedRange<Int64>

    private let distribution = StepDistribution()
    private let buckets = PercentileCounts()
    private let readBack: PercentileReadBack?

    @usableFromInline static let noop = PercentileTimer(id: .noop)

    @usableFromInline
    convenience init(id: MeterId) {
        self.init(id: id, range: nil, localPercentiles: false)
    }

    /// A timer bucketing durations clamped to `range` (``bucketedRange`` when `nil`, and never wider),
    /// keeping counts to read back when `localPercentiles`.
    @usableFromInline
    init(id: MeterId, range: ClosedRange<Duration>?, localPercentiles: Bool) {
        self.id = id
        self.range =
            range.map {
                let bounds = Self.bucketedRange
                let lower = min(max($0.lowerBound.wholeNanoseconds, bounds.lowerBound), bounds.upperBound)
                return lower...min(max($0.upperBound.wholeNanoseconds, lower), bounds.upperBound)
            } ?? Self.bucketedRange
        readBack = localPercentiles ? PercentileReadBack() : nil
    }

    @inline(__always)
    public func record(nanoseconds: Int64) {
        guard nanoseconds >= 0 else { return }
        distribution.record(whole: UInt64(nanoseconds), counting: false)
        buckets.record(min(max(nanoseconds, range.lowerBound), range.upperBound))
    }

    @usableFromInline static var kind: MeterKind { .percentileTimer }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        buckets.collect(
            with: distribution,
            id: id,
            divisor: 1e9,
            totalStatistic: .totalTime,
            isTimer: true,
            readBack: readBack,
            into: &writer
        )
    }

    /// The bucket counts of `window`, one per bucket, or `nil` for a timer created without local
    /// percentiles. Only completed (collected) steps count.
    public func bucketCounts(over window: PercentileWindow) -> [UInt64]? {
        readBack?.counts(window)
    }

    /// The `percentile` (0…100) of the durations recorded in `window`, estimated from the buckets as
    /// Atlas does; `nil` for a timer created without local percentiles, zero when nothing was recorded.
    /// A percentile below 0 or above 100 is read as 0 or 100, NaN as 0; it never traps.
    ///
    /// ```swift
    /// let latency = registry.percentileTimer("server.requestLatency", localPercentiles: true)
    /// let p99 = latency.percentile(99, over: .lastStep)
    /// ```
    public func percentile(_ percentile: Double, over window: PercentileWindow) -> Duration? {
        bucketCounts(over: window).map {
            // The last bucket's bound is Int64.max, which as a Double rounds past it: saturate.
            let nanoseconds = PercentileBuckets.percentile(percentile, counts: $0)
            return .nanoseconds(nanoseconds < Double(Int64.max) ? Int64(nanoseconds) : .max)
        }
    }
}
