/// One step's measurements as an exporter reads them: a registry's meters, collected while the
/// exporter encodes them, then the publisher's own.
struct StepMeasurements {
    /// The meters to collect.
    let registry: Registry
    /// Measurements written after the registry's.
    let own: [MeterMeasurement]
    /// The end of the step, which JSON datapoints and the console table are stamped with.
    let timestampMillis: Int64

    init(registry: Registry, own: [MeterMeasurement], timestampMillis: Int64) {
        self.registry = registry
        self.own = own
        self.timestampMillis = timestampMillis
    }

    /// About how many measurements the step holds: the registry's meters and the others.
    var expectedCount: Int { registry.size + own.count }

    /// Writes the step's measurements into `writer`: the registry's, collected (which resets its
    /// meters), then the others.
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) {
        registry.collect(into: &writer)
        for measurement in own {
            writer.write(measurement)
        }
    }

    /// The step's measurements in one array, collected as ``collect(into:)`` does: for an exporter
    /// that needs the whole step before it encodes.
    func collected() -> [MeterMeasurement] {
        var array = MeasurementArrayWriter()
        array.measurements.reserveCapacity(expectedCount)
        collect(into: &array)
        return array.measurements
    }
}

/// The names of the publisher's own measurements: written by ``SelfMetrics``, read back by the
/// console view's last line.
enum SelfMetricName {
    /// `spectator.measurements{id=sent}` and `{id=dropped,error=<reason>}`.
    static let measurements = "spectator.measurements"
    /// The meters the registry holds.
    static let registrySize = "spectator.registrySize"
    /// Requests for new meters the registry's cap refused.
    static let refusedMeters = "spectator.refusedMeters"
}
