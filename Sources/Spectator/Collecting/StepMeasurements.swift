/// What one step publishes: the registry's meters, collected as a sender encodes them, then the
/// publisher's own measurements.
struct StepMeasurements {
    private let registry: Registry?
    private let own: [MeterMeasurement]

    /// The registry's meters followed by `own`.
    init(registry: Registry, own: [MeterMeasurement]) {
        self.registry = registry
        self.own = own
    }

    /// Measurements taken earlier (tests and ``WireFormat``).
    init(_ measurements: [MeterMeasurement]) {
        registry = nil
        own = measurements
    }

    /// About how many measurements the step holds (the registry's meters and `own`), for sizing buffers.
    var expectedCount: Int { (registry?.size ?? 0) + own.count }

    /// Collects the registry into `writer`, then writes the publisher's own measurements. Collecting
    /// resets the meters, so a sender calls this once.
    func write<Writer: MeasurementWriter>(into writer: inout Writer) {
        registry?.collect(into: &writer)
        for measurement in own {
            writer.write(measurement)
        }
    }
}
