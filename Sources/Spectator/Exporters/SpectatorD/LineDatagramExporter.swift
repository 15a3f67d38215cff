/// SpectatorD line protocol in datagrams, to its UDP port or Unix socket.
///
/// A step's lines are packed into datagrams of at most ``LineProtocolFormat/maxDatagramSize`` bytes
/// (joined by `\n`, a line never split), each handed to the transport as soon as the next line would
/// not fit, so a step never holds more than one datagram.
struct LineDatagramExporter: Exporter {
    let format: LineProtocolFormat
    let transport: any LineTransport & Sendable

    func export(_ step: StepMeasurements) -> DeliveryReport {
        var datagrams = DatagramPacker(format: format, transport: transport)
        step.collect(into: &datagrams)
        return datagrams.finish()
    }

    /// Packs the lines of `measurements` into datagrams; also returns how many were left out for
    /// being longer than a datagram.
    static func datagrams(
        _ measurements: [MeterMeasurement],
        format: LineProtocolFormat
    ) -> (datagrams: [LineProtocolFormat.Datagram], oversized: Int) {
        let kept = KeptDatagrams()
        var datagrams = DatagramPacker(format: format, transport: kept)
        for measurement in measurements { datagrams.write(measurement) }
        let report = datagrams.finish()
        return (kept.datagrams, report.dropped[.oversized] ?? 0)
    }

    /// One step's datagram being filled: each measurement's line is encoded on its own, then
    /// appended to the datagram, which goes to the transport first when the line would not fit.
    private struct DatagramPacker: MeasurementWriter {
        let format: LineProtocolFormat
        let transport: any LineTransport
        private let current = ByteWriter(capacity: LineProtocolFormat.maxDatagramSize)
        private var currentCount = 0
        private let line = ByteWriter(capacity: 1024)
        private var report = DeliveryReport()
        private var delivered = 0

        init(format: LineProtocolFormat, transport: any LineTransport) {
            self.format = format
            self.transport = transport
        }

        mutating func write(_ measurement: MeterMeasurement) {
            line.removeAll()
            format.appendLine(measurement, to: line)
            guard line.count <= LineProtocolFormat.maxDatagramSize else {
                // Possible only with hundreds of tags: the line alone does not fit a datagram.
                report.drop(1, reason: .oversized)
                return
            }
            if currentCount > 0 && current.count + 1 + line.count > LineProtocolFormat.maxDatagramSize {
                deliverCurrent()
            }
            if currentCount > 0 { current.append(UInt8(ascii: "\n")) }
            current.append(line)
            currentCount += 1
        }

        /// Hands the last datagram over; what became of the whole step.
        mutating func finish() -> DeliveryReport {
            if currentCount > 0 { deliverCurrent() }
            return report
        }

        private mutating func deliverCurrent() {
            let datagram = current.withUnsafeBytes { transport.deliver($0, lineCount: currentCount) }
            report.merge(datagram)
            if delivered == 0 { report.previousDeliveryRefused = datagram.previousDeliveryRefused }
            delivered += 1
            current.removeAll()
            currentCount = 0
        }
    }

    /// Keeps the datagrams handed to it, for ``datagrams(_:format:)``.
    private final class KeptDatagrams: LineTransport {
        private(set) var datagrams: [LineProtocolFormat.Datagram] = []

        func deliver(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> DeliveryReport {
            datagrams.append(LineProtocolFormat.Datagram(bytes: [UInt8](bytes), measurementCount: lineCount))
            var report = DeliveryReport()
            report.sent = lineCount
            return report
        }
    }
}
