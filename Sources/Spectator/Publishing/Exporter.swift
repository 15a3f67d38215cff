/// Where a publisher's steps go: for each step an encoder of the output's wire format, with the
/// output's transport behind it. The publisher collects the registry into that encoder, which hands
/// finished datagrams, chunks or bodies on to the transport.
protocol StepOutput: Sendable {
    associatedtype Encoder: StepEncoder

    /// A fresh encoder for the step that ends at `timestampMillis`, which holds about
    /// `expectedCount` measurements.
    func makeEncoder(timestampMillis: Int64, expectedCount: Int) -> Encoder

    /// Encodes one step through a fresh encoder (the registry's meters as they are collected, then
    /// `own`) and returns what became of it. Collecting resets the meters, so this runs once per step.
    ///
    /// A requirement rather than a helper, so that each output's collection is compiled for its own
    /// encoder type instead of going through the protocol per value.
    func publish(_ registry: Registry, own: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport

    /// Releases what the output holds, once, after the publisher's last step. The default does nothing.
    func shutdown()
}

extension StepOutput {
    func publish(_ registry: Registry, own: [MeterMeasurement], timestampMillis: Int64) -> DeliveryReport {
        var encoder = makeEncoder(timestampMillis: timestampMillis, expectedCount: registry.size + own.count)
        registry.collect(into: &encoder)
        for measurement in own {
            encoder.write(measurement)
        }
        return encoder.finish()
    }

    func shutdown() {}
}
