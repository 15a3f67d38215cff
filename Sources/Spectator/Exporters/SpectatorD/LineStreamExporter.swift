/// SpectatorD line protocol, one measurement per line, to standard output or error, a file, or a
/// ``MemoryOutput``.
///
/// Lines, each ended by `\n`, go to the transport in chunks of about ``chunkSize`` bytes, so a step
/// never holds more than one chunk.
struct LineStreamExporter: Exporter {
    static let chunkSize = 65_536

    let format: LineProtocolFormat
    let transport: any LineTransport & Sendable

    func export(_ step: StepMeasurements) -> DeliveryReport {
        var chunks = ChunkFiller(format: format, transport: transport)
        step.collect(into: &chunks)
        return chunks.finish()
    }

    /// One step's chunk being filled, handed to the transport whenever it reaches ``chunkSize``.
    private struct ChunkFiller: MeasurementWriter {
        let format: LineProtocolFormat
        let transport: any LineTransport
        private let chunk = ByteWriter(capacity: LineStreamExporter.chunkSize + 1024)
        private var chunkLines = 0
        private var report = DeliveryReport()

        init(format: LineProtocolFormat, transport: any LineTransport) {
            self.format = format
            self.transport = transport
        }

        mutating func write(_ measurement: MeterMeasurement) {
            format.appendLine(measurement, to: chunk)
            chunk.append(UInt8(ascii: "\n"))
            chunkLines &+= 1
            if chunk.count >= LineStreamExporter.chunkSize { deliverChunk() }
        }

        /// Hands the last chunk over; what became of the whole step.
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
}
