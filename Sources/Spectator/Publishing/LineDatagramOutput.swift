/// Line protocol in datagrams, to a SpectatorD's UDP port or Unix socket.
struct LineDatagramOutput: StepOutput {
    let encoder: LineProtocolEncoder
    let transport: any LineTransport & Sendable

    func makeEncoder(timestampMillis: Int64, expectedCount: Int) -> LineDatagramWriter {
        LineDatagramWriter(encoder: encoder, transport: transport)
    }
}
