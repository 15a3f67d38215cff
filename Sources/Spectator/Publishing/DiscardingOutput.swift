/// The `none` output: every step is collected, so meters start each step afresh, and nothing is sent.
struct DiscardingOutput: StepOutput {
    func makeEncoder(timestampMillis: Int64, expectedCount: Int) -> DiscardingWriter {
        DiscardingWriter()
    }
}
