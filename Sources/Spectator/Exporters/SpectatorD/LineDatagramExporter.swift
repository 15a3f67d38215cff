/// Encodes values straight into datagrams of at most ``LineProtocolEncoder/maxDatagramSize`` bytes
/// (lines joined by `\n`, a line never split) and hands each to the transport as soon as it is full,
/// so a step never holds more than one datagram.
struct LineDatagramWriter: StepEncoder {
    let encoder: LineProtocolEncoder
    let transport: any LineTransport
    private let current = ByteWriter(capacity: LineProtocolEncoder.maxDatagramSize)
    private var currentCount = 0
    private let line = ByteWriter(capacity: 1024)
    private var report = DeliveryReport()
    private var delivered = 0

    init(encoder: LineProtocolEncoder, transport: any LineTransport) {
        self.encoder = encoder
        self.transport = transport
    }

    mutating func write(_ measurement: MeterMeasurement) {
        line.removeAll()
        encoder.appendLine(measurement, to: line)
        guard line.count <= LineProtocolEncoder.maxDatagramSize else {
            // Possible only with hundreds of tags: the line alone does not fit a datagram.
            report.drop(1, reason: .oversized)
            return
        }
        if currentCount > 0 && current.count + 1 + line.count > LineProtocolEncoder.maxDatagramSize {
            deliverCurrent()
        }
        if currentCount > 0 { current.append(UInt8(ascii: "\n")) }
        current.append(line)
        currentCount += 1
    }

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
