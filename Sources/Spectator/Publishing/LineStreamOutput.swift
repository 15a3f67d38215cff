/// Line protocol, one measurement per line, to standard output or error, a file, or a ``MemoryOutput``.
struct LineStreamOutput: StepOutput {
    let encoder: LineProtocolEncoder
    let transport: any LineTransport & Sendable

    func makeEncoder(timestampMillis: Int64, expectedCount: Int) -> LineStreamWriter {
        LineStreamWriter(encoder: encoder, transport: transport)
    }
}
