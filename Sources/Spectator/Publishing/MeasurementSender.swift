/// Encodes one step's measurements for an output and delivers them; the publisher's strategy per
/// ``OutputLocation``.
protocol MeasurementSender: Sendable {
    /// Takes the measurements of the step that ends at `timestampMillis` (``StepMeasurements/write(into:)``,
    /// once) and delivers them.
    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport
}

/// Sends nothing (`none`); the meters are still collected, so each step starts afresh.
struct DiscardingSender: MeasurementSender {
    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport {
        var discarded = DiscardingWriter()
        step.write(into: &discarded)
        return DeliveryReport()
    }
}

/// Takes values and keeps none.
struct DiscardingWriter: MeasurementWriter {
    func write(
        _ id: MeterId,
        statistic: Statistic?,
        percentile: PercentileTag?,
        value: Double,
        kind: MeterMeasurement.Kind
    ) {}
}

/// Sends line protocol datagrams to a SpectatorD over UDP or its Unix socket.
///
/// `sent` counts the measurements of datagrams handed to the kernel. Over UDP a refusal is only
/// learned on the next send; the refused measurements are then counted as dropped (`connection`)
/// in the step that learned it.
struct DatagramSender: MeasurementSender {
    let encoder: LineProtocolEncoder
    let socket: DatagramSocket

    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport {
        var writer = LineDatagramWriter(encoder: encoder)
        step.write(into: &writer)
        let (datagrams, oversized) = writer.finish()
        var report = DeliveryReport()
        report.drop(oversized, reason: .oversized)
        for (index, datagram) in datagrams.enumerated() {
            let transmission = socket.transmit(datagram.bytes, measurementCount: datagram.measurementCount)
            report.drop(transmission.refusedEarlier, reason: .connection)
            if index == 0 && transmission.refusedEarlier > 0 { report.previousStepEndRefused = true }
            if let failure = transmission.failure {
                report.drop(datagram.measurementCount, reason: failure.reason)
            } else {
                report.sent += datagram.measurementCount
            }
        }
        return report
    }
}

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
