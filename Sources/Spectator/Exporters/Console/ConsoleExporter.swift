/// Gathers a step's values and, at ``finish()``, hands the step's ``ConsoleTable`` to the transport.
struct ConsoleTableWriter: StepEncoder {
    let transport: any LineTransport
    let timestampMillis: Int64
    let step: Duration
    private var measurements: [MeterMeasurement] = []

    init(transport: any LineTransport, timestampMillis: Int64, step: Duration, expectedCount: Int) {
        self.transport = transport
        self.timestampMillis = timestampMillis
        self.step = step
        measurements.reserveCapacity(expectedCount)
    }

    mutating func write(_ measurement: MeterMeasurement) {
        measurements.append(measurement)
    }

    /// Every measurement counts as sent once the table is written (as dropped if it is not).
    mutating func finish() -> DeliveryReport {
        var text = ConsoleTable.text(measurements, timestampMillis: timestampMillis, step: step)
        return text.withUTF8 { transport.deliver(UnsafeRawBufferPointer($0), lineCount: measurements.count) }
    }
}
