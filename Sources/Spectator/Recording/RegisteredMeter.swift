/// What a registry needs from a meter it holds: its id and a way to drain it.
///
/// Every meter guarantees:
/// - recording is lock-free and allocation-free: a few atomic operations on the meter's own cells;
/// - recording never traps and never blocks; input a meter cannot use (NaN, ±infinity, negative
///   durations, non-positive counter increments) is ignored without a sound;
/// - what is recorded between two collections is reported exactly once, by the next collection.
@usableFromInline
protocol RegisteredMeter: AnyObject, Sendable {
    /// A meter of this type for `id`; only registries create meters.
    init(id: MeterId)

    /// A meter of this type for `id` on the registry's clock (the meters that read time use it).
    static func make(id: MeterId, clock: any SpectatorClock) -> Self

    /// The shared meter handed out when a request cannot be served: it accepts every recording and
    /// is never collected.
    static var noop: Self { get }

    /// The meter's identity.
    var id: MeterId { get }

    /// Which meter this is, so that a registry walks its meters without existential dispatch.
    static var kind: MeterKind { get }

    /// Writes what happened since the previous call and resets the step state.
    ///
    /// - Returns: whether anything was recorded since the previous call.
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool
}

extension RegisteredMeter {
    @inlinable
    static func make(id: MeterId, clock: any SpectatorClock) -> Self {
        Self(id: id)
    }
}

/// A meter that reads time: made on the registry's clock, or on ``SystemClock`` by
/// ``RegisteredMeter/init(id:)``.
@usableFromInline
protocol ClockedMeter: RegisteredMeter {
    init(id: MeterId, clock: any SpectatorClock)
}

extension ClockedMeter {
    @inlinable
    init(id: MeterId) {
        self.init(id: id, clock: SystemClock())
    }

    @inlinable
    static func make(id: MeterId, clock: any SpectatorClock) -> Self {
        Self(id: id, clock: clock)
    }
}

/// The meter types a registry holds.
@usableFromInline
enum MeterKind: UInt8, Sendable {
    case counter, timer, distributionSummary, gauge, maxGauge, monotonicCounter, percentileTimer
    case percentileDistributionSummary, longTaskTimer, ageGauge, monotonicCounterUInt64, polled
    case distinctCountSketch
}

/// Work done with a meter type chosen at run time, through ``MeterKind/visit(_:)``: the one `switch`
/// from a kind to its type, so that the work is compiled for each concrete type.
protocol MeterTypeVisitor {
    mutating func visit<M: RegisteredMeter>(_ type: M.Type)
}

extension MeterKind {
    /// Calls `visitor` with the meter type of this kind.
    func visit<Visitor: MeterTypeVisitor>(_ visitor: inout Visitor) {
        switch self {
        case .counter: visitor.visit(Counter.self)
        case .timer: visitor.visit(Timer.self)
        case .distributionSummary: visitor.visit(DistributionSummary.self)
        case .gauge: visitor.visit(Gauge.self)
        case .maxGauge: visitor.visit(MaxGauge.self)
        case .monotonicCounter: visitor.visit(MonotonicCounter.self)
        case .percentileTimer: visitor.visit(PercentileTimer.self)
        case .percentileDistributionSummary: visitor.visit(PercentileDistributionSummary.self)
        case .longTaskTimer: visitor.visit(LongTaskTimer.self)
        case .ageGauge: visitor.visit(AgeGauge.self)
        case .monotonicCounterUInt64: visitor.visit(MonotonicCounterUInt64.self)
        case .polled: visitor.visit(PolledMeter.self)
        case .distinctCountSketch: visitor.visit(DistinctCountSketch.self)
        }
    }
}
