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
public final class PercentileTimer: DurationRecording, Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    /// The durations, in nanoseconds, that bucketing clamps to: SpectatorD's 1 ns … 24 h.
    public static let bucketedRange: ClosedRange<Int64> = 1...86_400_000_000_000

    private let distribution = StepDistribution()
    private let buckets = PercentileCounts()

    @usableFromInline static let noop = PercentileTimer(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    @inline(__always)
    public func record(nanoseconds: Int64) {
        guard nanoseconds >= 0 else { return }
        distribution.record(whole: UInt64(nanoseconds), counting: false)
        buckets.record(min(max(nanoseconds, Self.bucketedRange.lowerBound), Self.bucketedRange.upperBound))
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
            into: &writer
        )
    }
}
