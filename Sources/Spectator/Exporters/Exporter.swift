/// Where a publisher's steps go: one destination, with its wire format and its transport.
///
/// An exporter owns a step from end to end: it collects the step's measurements, has its format turn
/// them into bytes, hands the bytes to its transport, and reports what became of them. There is one
/// per destination: SpectatorD lines in datagrams (``LineDatagramExporter``) or in a stream
/// (``LineStreamExporter``), Atlas or aggregator JSON over HTTP (``HTTPExporter``), the console
/// table (``ConsoleExporter``), and nothing (``DiscardingExporter``).
protocol Exporter: Sendable {
    /// Exports one step and returns what became of its measurements. Collecting resets the meters,
    /// so this runs once per step.
    func export(_ step: StepMeasurements) -> DeliveryReport

    /// Releases what the exporter holds, once, after the publisher's last step. The default does
    /// nothing.
    func shutdown()
}

extension Exporter {
    func shutdown() {}
}
