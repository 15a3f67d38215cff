/// Writes line protocol to standard output, standard error or a file, one line per line.
struct StreamSender: MeasurementSender {
    let encoder: LineProtocolEncoder
    let writer: StreamWriter

    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport {
        var lines = LineStreamWriter(encoder: encoder, capacity: step.expectedCount * 80)
        step.write(into: &lines)
        var report = DeliveryReport()
        if lines.count > 0, let failure = lines.bytes.withUnsafeBytes({ writer.write($0) }) {
            report.drop(lines.count, reason: failure.reason)
        } else {
            report.sent = lines.count
        }
        return report
    }
}
