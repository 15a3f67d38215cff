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

/// The meter types a registry holds.
@usableFromInline
enum MeterKind: UInt8, Sendable {
    case counter, timer, distributionSummary, gauge, maxGauge, monotonicCounter, percentileTimer
    case percentileDistributionSummary
}
