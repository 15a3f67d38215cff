/// The publisher's own measurements, kept outside the registry so that a full registry cannot
/// refuse them:
///
/// - `spectator.measurements{id=sent}` and `spectator.measurements{id=dropped,error=<reason>}`:
///   what became of the measurements of earlier steps;
/// - `spectator.registrySize`: the meters the registry holds;
/// - `spectator.refusedMeters`: requests for new meters the registry's cap refused.
///
/// Counts are published with the step after the one they describe, at the end of its measurements
/// (so over UDP in its last datagram). When a step fails whole, or UDP learns that its last datagram
/// was refused, the counts it carried are put back: the first steps after an outage report all of it.
struct SelfMetrics {
    private static let sentId = MeterId(SelfMetricName.measurements, tags: ["id": "sent"])
    private static let registrySizeId = MeterId(SelfMetricName.registrySize)
    private static let refusedMetersId = MeterId(SelfMetricName.refusedMeters)

    /// Counts not yet published.
    private var sent = 0
    private var dropped: [DropReason: Int] = [:]
    private var refusedMeters = 0
    /// The registry's refusal total at the last step.
    private var refusalsSeen = 0

    /// The counts taken by ``measurements(registry:)``, to put back if their step fails.
    struct Taken {
        fileprivate var sent = 0
        fileprivate var dropped: [DropReason: Int] = [:]
        fileprivate var refusedMeters = 0
    }

    /// This step's self-measurements; the counts in them are taken out of the pending ones.
    mutating func measurements(registry: Registry) -> (measurements: [MeterMeasurement], taken: Taken) {
        let refusals = registry.refusedMeterCount
        refusedMeters += refusals &- refusalsSeen
        refusalsSeen = refusals
        var measurements = [
            MeterMeasurement(id: Self.registrySizeId, statistic: .gauge, value: Double(registry.size), kind: .gauge)
        ]
        let taken = Taken(sent: sent, dropped: dropped, refusedMeters: refusedMeters)
        if sent > 0 {
            measurements.append(MeterMeasurement(id: Self.sentId, statistic: .count, value: Double(sent), kind: .delta))
        }
        for (reason, count) in dropped.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let id = MeterId(SelfMetricName.measurements, tags: ["id": "dropped", "error": reason.rawValue])
            measurements.append(MeterMeasurement(id: id, statistic: .count, value: Double(count), kind: .delta))
        }
        if refusedMeters > 0 {
            measurements.append(
                MeterMeasurement(
                    id: Self.refusedMetersId,
                    statistic: .count,
                    value: Double(refusedMeters),
                    kind: .delta
                )
            )
        }
        sent = 0
        dropped = [:]
        refusedMeters = 0
        return (measurements, taken)
    }

    /// Counts what became of a step.
    mutating func record(_ report: DeliveryReport) {
        sent += report.sent
        dropped.merge(report.dropped, uniquingKeysWith: +)
    }

    /// Puts back the counts of a step that was not delivered.
    mutating func restore(_ taken: Taken) {
        sent += taken.sent
        dropped.merge(taken.dropped, uniquingKeysWith: +)
        refusedMeters += taken.refusedMeters
    }
}
