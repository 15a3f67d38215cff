/// Collects into ``MeterMeasurement``s, for ``Registry/collect()`` and the HTTP exporter's formats.
struct MeasurementArrayWriter: MeasurementWriter {
    var measurements: [MeterMeasurement] = []

    mutating func write(_ measurement: MeterMeasurement) {
        measurements.append(measurement)
    }
}
