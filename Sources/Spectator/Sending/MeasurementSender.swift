/// Encodes one step's measurements for an output and delivers them; the publisher's strategy per
/// ``OutputLocation``.
protocol MeasurementSender: Sendable {
    /// Takes the measurements of the step that ends at `timestampMillis` (``StepMeasurements/write(into:)``,
    /// once) and delivers them.
    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport

    /// Releases what the sender holds, once, after the publisher's last step. The default does nothing.
    func shutdown()
}

extension MeasurementSender {
    func shutdown() {}
}
