/// JSON bodies, Atlas publish or atlas-aggregator update, POSTed over an ``HTTPTransport``.
struct HTTPOutput: StepOutput {
    let format: JSONFormat
    let delivery: HTTPDelivery
    let batchSize: Int

    func makeEncoder(timestampMillis: Int64, expectedCount: Int) -> JSONBodyWriter {
        JSONBodyWriter(
            format: format,
            delivery: delivery,
            batchSize: batchSize,
            timestampMillis: timestampMillis,
            expectedCount: expectedCount
        )
    }

    func shutdown() {
        delivery.transport.shutdown()
    }
}
