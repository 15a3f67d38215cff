/// Sends nothing (`none`); the meters are still collected, so each step starts afresh.
struct DiscardingSender: MeasurementSender {
    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport {
        var discarded = DiscardingWriter()
        step.write(into: &discarded)
        return DeliveryReport()
    }
}
