#if Metrics
public import CoreMetrics
public import Spectator

/// A `Spectator.Counter` is itself the handler of a swift-metrics `Counter` and
/// `FloatingPointCounter`: making one for a series already registered allocates nothing beyond
/// swift-metrics' own `Counter`, and an increment goes straight into the counter.
extension Spectator.Counter: CounterHandler, FloatingPointCounterHandler {
    /// Adds `amount` when it is positive, as `increment(by:)` with an `Int` does: the
    /// swift-metrics spelling.
    @inlinable @inline(__always)
    public func increment(by amount: Int64) {
        increment(by: Int(truncatingIfNeeded: amount))
    }

    /// Does nothing: a Spectator counter publishes step deltas, so there is no running total to
    /// reset. (swift-metrics' `reset()`.)
    public func reset() {}
}

extension Spectator.Counter: SpectatorHandler {
    var meterId: MeterId { id }
}
#endif
