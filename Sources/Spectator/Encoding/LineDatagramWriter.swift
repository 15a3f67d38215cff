/// Encodes values straight into datagrams of at most ``LineProtocolEncoder/maxDatagramSize`` bytes:
/// lines joined by `\n`, a line never split.
struct LineDatagramWriter: MeasurementWriter {
    let encoder: LineProtocolEncoder
    private var datagrams: [LineProtocolEncoder.Datagram] = []
    private let current = ByteWriter(capacity: LineProtocolEncoder.maxDatagramSize)
    private var currentCount = 0
    private let line = ByteWriter(capacity: 1024)
    /// Values left out because their line alone is longer than a datagram (possible only with
    /// hundreds of tags).
    private var oversized = 0

    init(encoder: LineProtocolEncoder) {
        self.encoder = encoder
    }

    mutating func write(_ measurement: MeterMeasurement) {
        line.removeAll()
        encoder.appendLine(measurement, to: line)
        guard line.count <= LineProtocolEncoder.maxDatagramSize else {
            oversized += 1
            return
        }
        if currentCount > 0 && current.count + 1 + line.count > LineProtocolEncoder.maxDatagramSize {
            datagrams.append(LineProtocolEncoder.Datagram(bytes: current.bytes, measurementCount: currentCount))
            current.removeAll()
            currentCount = 0
        }
        if currentCount > 0 { current.append(UInt8(ascii: "\n")) }
        current.append(line)
        currentCount += 1
    }

    /// The datagrams, and how many values were left out as oversized.
    mutating func finish() -> (datagrams: [LineProtocolEncoder.Datagram], oversized: Int) {
        if currentCount > 0 {
            datagrams.append(LineProtocolEncoder.Datagram(bytes: current.bytes, measurementCount: currentCount))
            current.removeAll()
            currentCount = 0
        }
        return (datagrams, oversized)
    }
}
