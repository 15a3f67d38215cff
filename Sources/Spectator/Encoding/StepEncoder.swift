/// Encodes one step's values for a wire format as the registry's meters write them, and hands what it
/// finishes (datagrams, stream chunks, JSON bodies) to its transport.
///
/// A publisher makes one per step, collects the registry into it, writes its own measurements, and
/// then calls ``finish()`` once.
protocol StepEncoder: MeasurementWriter {
    /// Hands what is still buffered to the transport; returns what became of the whole step.
    mutating func finish() -> DeliveryReport
}
