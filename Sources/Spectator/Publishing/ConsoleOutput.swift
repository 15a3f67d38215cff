/// The `console` output: each step as a table on standard output, for a person to read.
struct ConsoleOutput: StepOutput {
    let transport: any LineTransport & Sendable
    let step: Duration

    func makeEncoder(timestampMillis: Int64, expectedCount: Int) -> ConsoleTableWriter {
        ConsoleTableWriter(
            transport: transport,
            timestampMillis: timestampMillis,
            step: step,
            expectedCount: expectedCount
        )
    }
}
