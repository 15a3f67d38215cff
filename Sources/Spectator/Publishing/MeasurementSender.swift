/// Encodes one step's measurements for an output and delivers them; the publisher's strategy per
/// ``OutputLocation``.
protocol MeasurementSender: Sendable {
    /// Delivers `measurements` collected for the step that ends at `timestampMillis`.
    func send(_ measurements: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport
}

/// Sends nothing (`none`).
struct DiscardingSender: MeasurementSender {
    func send(_ measurements: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport {
        DeliveryReport()
    }
}

/// Sends line protocol datagrams to a SpectatorD over UDP or its Unix socket.
///
/// `sent` counts the measurements of datagrams handed to the kernel. Over UDP a refusal is only
/// learned on the next send; the refused measurements are then counted as dropped (`connection`)
/// in the step that learned it.
struct DatagramSender: MeasurementSender {
    let encoder: LineProtocolEncoder
    let socket: DatagramSocket

    func send(_ measurements: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport {
        let (datagrams, oversized) = encoder.datagrams(measurements)
        var report = DeliveryReport()
        report.drop(oversized, reason: .oversized)
        for (index, datagram) in datagrams.enumerated() {
            let transmission = socket.transmit(datagram.bytes, measurementCount: datagram.measurementCount)
            report.drop(transmission.refusedEarlier, reason: .connection)
            if index == 0 && transmission.refusedEarlier > 0 { report.previousStepEndRefused = true }
            if let failure = transmission.failure {
                report.drop(datagram.measurementCount, reason: failure.kind)
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

    func send(_ measurements: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport {
        let bytes = ByteWriter(capacity: measurements.count * 80)
        for measurement in measurements {
            encoder.appendLine(measurement, to: bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        var report = DeliveryReport()
        if bytes.count == 0 || writer.write(bytes.bytes) == nil {
            report.sent = measurements.count
        } else {
            report.drop(measurements.count, reason: .socket)
        }
        return report
    }
}

/// Keeps line protocol in a ``MemoryOutput``.
struct MemorySender: MeasurementSender {
    let encoder: LineProtocolEncoder
    let output: MemoryOutput

    func send(_ measurements: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport {
        var report = DeliveryReport()
        report.sent = output.append(measurements.lazy.map(encoder.line))
        report.drop(measurements.count - report.sent, reason: .memoryFull)
        return report
    }
}
