/// Encodes values straight into lines, each ended by `\n`, for streams, files and memory; hands them
/// to the transport in chunks of about ``chunkSize`` bytes, so a step never holds more than one.
struct LineStreamWriter: StepEncoder {
    static let chunkSize = 65_536

    let encoder: LineProtocolEncoder
    let transport: any LineTransport
    private let chunk = ByteWriter(capacity: Self.chunkSize + 1024)
    private var chunkLines = 0
    private var report = DeliveryReport()

    init(encoder: LineProtocolEncoder, transport: any LineTransport) {
        self.encoder = encoder
        self.transport = transport
    }

    mutating func write(_ measurement: MeterMeasurement) {
        encoder.appendLine(measurement, to: chunk)
        chunk.append(UInt8(ascii: "\n"))
        chunkLines &+= 1
        if chunk.count >= Self.chunkSize { deliverChunk() }
    }

    mutating func finish() -> DeliveryReport {
        if chunkLines > 0 { deliverChunk() }
        return report
    }

    private mutating func deliverChunk() {
        report.merge(chunk.withUnsafeBytes { transport.deliver($0, lineCount: chunkLines) })
        chunk.removeAll()
        chunkLines = 0
    }
}
