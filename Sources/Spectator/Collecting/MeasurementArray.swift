/// Collects into ``MeterMeasurement``s, for ``Registry/collect()`` and the HTTP encoders.
struct MeasurementArray: MeasurementWriter {
    var measurements: [MeterMeasurement] = []

    mutating func write(_ measurement: MeterMeasurement) {
        measurements.append(measurement)
    }
}
