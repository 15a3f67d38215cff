/// Takes values and keeps none.
struct DiscardingWriter: MeasurementWriter {
    func write(_ measurement: MeterMeasurement) {}
}
