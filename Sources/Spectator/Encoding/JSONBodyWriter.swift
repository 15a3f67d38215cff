/// Gathers a step's values and, at ``finish()``, encodes them as JSON bodies of at most `batchSize`
/// measurements that it hands, one at a time, to the HTTP delivery. (A body is built per batch: the
/// aggregator's string table needs the whole batch first.)
struct JSONBodyWriter: StepEncoder {
    let format: JSONFormat
    let delivery: HTTPDelivery
    let batchSize: Int
    let timestampMillis: Int64
    private var measurements: [MeterMeasurement] = []

    init(format: JSONFormat, delivery: HTTPDelivery, batchSize: Int, timestampMillis: Int64, expectedCount: Int) {
        self.format = format
        self.delivery = delivery
        self.batchSize = batchSize
        self.timestampMillis = timestampMillis
        measurements.reserveCapacity(expectedCount)
    }

    mutating func write(_ measurement: MeterMeasurement) {
        measurements.append(measurement)
    }

    mutating func finish() -> DeliveryReport {
        delivery.deliver(format.bodies(measurements, timestampMillis: timestampMillis, batchSize: batchSize))
    }
}
