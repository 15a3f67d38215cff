/// The `console` output: each step as a ``ConsoleTable`` on standard output, for a person to read.
struct ConsoleExporter: Exporter {
    let transport: any LineTransport & Sendable
    let step: Duration

    /// Every measurement counts as sent once the table is written (as dropped if it is not).
    func export(_ stepMeasurements: StepMeasurements) -> DeliveryReport {
        let measurements = stepMeasurements.collected()
        var text = ConsoleTable.text(measurements, timestampMillis: stepMeasurements.timestampMillis, step: step)
        return text.withUTF8 { transport.deliver(UnsafeRawBufferPointer($0), lineCount: measurements.count) }
    }
}
