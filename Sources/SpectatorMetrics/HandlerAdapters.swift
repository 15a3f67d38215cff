#if Metrics
import CoreMetrics
import Spectator

/// A swift-metrics handler backed by a Spectator meter.
protocol SpectatorHandler: AnyObject, Sendable {
    var meterId: MeterId { get }
}

/// `Meter` and `Recorder(aggregate: false)` → `Spectator.Gauge`.
final class GaugeHandlerAdapter: MeterHandler, RecorderHandler, SpectatorHandler {
    let gauge: Spectator.Gauge

    init(_ gauge: Spectator.Gauge) {
        self.gauge = gauge
    }

    var meterId: MeterId { gauge.id }

    func set(_ value: Int64) {
        gauge.set(Double(value))
    }

    func set(_ value: Double) {
        gauge.set(value)
    }

    func increment(by amount: Double) {
        gauge.add(amount)
    }

    func decrement(by amount: Double) {
        gauge.add(-amount)
    }

    func record(_ value: Int64) {
        set(value)
    }

    func record(_ value: Double) {
        set(value)
    }
}

/// `Recorder(aggregate: true)` → `Spectator.DistributionSummary`.
final class SummaryHandlerAdapter: RecorderHandler, SpectatorHandler {
    let summary: DistributionSummary

    init(_ summary: DistributionSummary) {
        self.summary = summary
    }

    var meterId: MeterId { summary.id }

    func record(_ value: Int64) {
        summary.record(Int(truncatingIfNeeded: value))
    }

    func record(_ value: Double) {
        summary.record(value)
    }
}

/// The Spectator timers a swift-metrics `Timer` can become.
protocol SpectatorTimer: DurationRecording {
    var id: MeterId { get }
}

extension Spectator.Timer: SpectatorTimer {}
extension PercentileTimer: SpectatorTimer {}

/// `Timer` → `Spectator.PercentileTimer` or `Spectator.Timer`, as the factory's
/// ``SpectatorMetricsFactory/TimerKind`` says.
final class TimerHandlerAdapter<Recording: SpectatorTimer>: TimerHandler, SpectatorHandler {
    let timer: Recording

    init(_ timer: Recording) {
        self.timer = timer
    }

    var meterId: MeterId { timer.id }

    func recordNanoseconds(_ duration: Int64) {
        timer.record(nanoseconds: duration)
    }
}
#endif
