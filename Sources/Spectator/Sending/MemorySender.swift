/// Keeps line protocol in a ``MemoryOutput``.
struct MemorySender: MeasurementSender {
    let encoder: LineProtocolEncoder
    let output: MemoryOutput

    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport {
        var gathered = MeasurementArray()
        step.write(into: &gathered)
        let measurements = gathered.measurements
        var report = DeliveryReport()
        report.sent = output.append(measurements.lazy.map(encoder.line))
        report.drop(measurements.count - report.sent, reason: .memoryFull)
        return report
    }
}
