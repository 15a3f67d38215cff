/// The `none` output: every step is collected, so meters start each step afresh, and nothing is sent.
struct DiscardingExporter: Exporter {
    func export(_ step: StepMeasurements) -> DeliveryReport {
        var discarded = Discarded()
        step.collect(into: &discarded)
        return DeliveryReport()
    }

    /// Takes values and keeps none.
    private struct Discarded: MeasurementWriter {
        func write(_ measurement: MeterMeasurement) {}
    }
}
