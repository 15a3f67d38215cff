/// Encodes values straight into one buffer of lines, each ended by `\n`, for streams and files.
struct LineStreamWriter: MeasurementWriter {
    let encoder: LineProtocolEncoder
    let bytes: ByteWriter
    /// How many lines were written.
    private(set) var count = 0

    init(encoder: LineProtocolEncoder, capacity: Int) {
        self.encoder = encoder
        bytes = ByteWriter(capacity: capacity)
    }

    mutating func write(_ measurement: MeterMeasurement) {
        encoder.appendLine(measurement, to: bytes)
        bytes.append(UInt8(ascii: "\n"))
        count += 1
    }
}
