/// Tracks the distribution of amounts, such as response sizes in bytes.
///
/// Each step publishes `count`, `totalAmount`, `totalOfSquares` and `max`, in the unit recorded.
///
/// ```swift
/// let sizes = registry.distributionSummary("server.responseSize")
/// sizes.record(1024)
/// ```
public final class DistributionSummary: AmountRecording, Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let distribution = StepDistribution()

    @usableFromInline static let noop = DistributionSummary(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    @inline(__always)
    public func record(_ amount: Int) {
        guard amount >= 0 else { return }
        distribution.record(whole: UInt64(amount))
    }

    @inline(__always)
    public func record(_ amount: Double) {
        guard amount >= 0, amount.isFinite else { return }
        distribution.record(amount: amount)
    }

    @usableFromInline static var kind: MeterKind { .distributionSummary }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        distribution.collect(id: id, divisor: 1, totalStatistic: .totalAmount, into: &writer)
    }
}
