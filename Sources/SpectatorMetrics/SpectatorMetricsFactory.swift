#if Metrics
public import CoreMetrics
public import Spectator

/// A swift-metrics backend that records into a Spectator `Spectator.Registry`.
///
/// Libraries instrumented with swift-metrics (Vapor, Hummingbird, SwiftNIO-based clients) then
/// publish through Spectator: the label becomes the meter name and the dimensions its tags.
///
/// ```swift
/// let registry = Registry(configuration: configuration)
/// MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry))
/// ```
///
/// | swift-metrics | Spectator |
/// |---|---|
/// | `Counter`, `FloatingPointCounter` | `Spectator.Counter` |
/// | `Meter` | `Spectator.Gauge` |
/// | `Recorder(aggregate: true)` | `Spectator.DistributionSummary` |
/// | `Recorder(aggregate: false)` | `Spectator.Gauge` |
/// | `Timer` | `Spectator.PercentileTimer` (default) or `Spectator.Timer`: see ``TimerKind`` |
///
/// Labels and dimensions are sanitised like every `Spectator.MeterId`: characters outside
/// `-._A-Za-z0-9~^` become `_`, so a dimension `("http.route", "/hello")` publishes as
/// `http.route=_hello`.
///
/// Recording through a handler is as cheap and allocation-free as recording into the meter. Making a
/// handler for a label and dimensions already registered finds the meter on the registry's warm
/// path, without building a `Spectator.MeterId`. A `destroy*` call removes the meter from the
/// registry once the next collection has published it.
public struct SpectatorMetricsFactory: MetricsFactory {
    /// Which Spectator meter a swift-metrics `Timer` becomes.
    public enum TimerKind: Sendable {
        /// A `Spectator.PercentileTimer`: the timer's four statistics plus one `percentile` series per
        /// latency bucket that saw a value during the step (up to 276 per timer), so Atlas can compute
        /// p50 … p99 across instances. Recording costs a little more (one more atomic add), and each
        /// timer holds its bucket counts (about 2.2 KB).
        case percentile
        /// A plain `Spectator.Timer`: `count`, `totalTime`, `totalOfSquares` and `max`, four series per
        /// timer. Averages and maxima, no percentiles.
        case plain
    }

    /// The registry the meters live in.
    public let registry: Registry
    /// Which meter a swift-metrics `Timer` becomes.
    public let timers: TimerKind

    /// Creates a factory recording into `registry`, mapping swift-metrics `Timer`s to `timers`.
    ///
    /// ```swift
    /// MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: registry, timers: .plain))
    /// ```
    public init(registry: Registry, timers: TimerKind = .percentile) {
        self.registry = registry
        self.timers = timers
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.counter(label, tagPairs: dimensions)
    }

    public func makeFloatingPointCounter(
        label: String,
        dimensions: [(String, String)]
    ) -> any FloatingPointCounterHandler {
        registry.counter(label, tagPairs: dimensions)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        GaugeHandlerAdapter(registry.gauge(label, tagPairs: dimensions))
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        aggregate
            ? SummaryHandlerAdapter(registry.distributionSummary(label, tagPairs: dimensions))
            : GaugeHandlerAdapter(registry.gauge(label, tagPairs: dimensions))
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        switch timers {
        case .percentile: TimerHandlerAdapter(registry.percentileTimer(label, tagPairs: dimensions))
        case .plain: TimerHandlerAdapter(registry.timer(label, tagPairs: dimensions))
        }
    }

    public func destroyCounter(_ handler: any CounterHandler) {
        remove(handler)
    }

    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        remove(handler)
    }

    public func destroyMeter(_ handler: any MeterHandler) {
        remove(handler)
    }

    public func destroyRecorder(_ handler: any RecorderHandler) {
        remove(handler)
    }

    public func destroyTimer(_ handler: any TimerHandler) {
        remove(handler)
    }

    private func remove(_ handler: AnyObject) {
        if let adapter = handler as? any SpectatorHandler {
            registry.remove(adapter.meterId)
        }
    }
}
#endif
