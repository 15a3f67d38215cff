public import CoreMetrics
public import Spectator

/// A swift-metrics backend that records into a Spectator ``Spectator/Registry``.
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
/// | `Counter`, `FloatingPointCounter` | ``Spectator/Counter`` |
/// | `Meter` | ``Spectator/Gauge`` |
/// | `Recorder(aggregate: true)` | ``Spectator/DistributionSummary`` |
/// | `Recorder(aggregate: false)` | ``Spectator/Gauge`` |
/// | `Timer` | ``Spectator/PercentileTimer``, so p50 … p99 are available |
///
/// Recording through a handler is as cheap and allocation-free as recording into the meter. A
/// `destroy*` call removes the meter from the registry once the next collection has published it.
public struct SpectatorMetricsFactory: MetricsFactory {
    /// The registry the meters live in.
    public let registry: Registry

    /// Creates a factory recording into `registry`.
    public init(registry: Registry) {
        self.registry = registry
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        CounterHandlerAdapter(registry.counter(Self.id(label, dimensions)))
    }

    public func makeFloatingPointCounter(
        label: String,
        dimensions: [(String, String)]
    ) -> any FloatingPointCounterHandler {
        CounterHandlerAdapter(registry.counter(Self.id(label, dimensions)))
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        GaugeHandlerAdapter(registry.gauge(Self.id(label, dimensions)))
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        let id = Self.id(label, dimensions)
        return aggregate
            ? SummaryHandlerAdapter(registry.distributionSummary(id))
            : GaugeHandlerAdapter(registry.gauge(id))
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        TimerHandlerAdapter(registry.percentileTimer(Self.id(label, dimensions)))
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

    private static func id(_ label: String, _ dimensions: [(String, String)]) -> MeterId {
        MeterId(label, tagPairs: dimensions.lazy.map { (key: $0.0, value: $0.1) })
    }
}
