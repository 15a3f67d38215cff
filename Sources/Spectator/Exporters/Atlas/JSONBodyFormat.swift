/// The JSON formats of HTTP publishing, and how a step is cut into bodies of at most `batchSize`
/// measurements each.
enum JSONBodyFormat: Sendable {
    /// Atlas publish JSON, deltas as rates per second of `step`.
    case atlasPublish(AtlasPublishFormat, step: Duration)
    /// The atlas-aggregator's update JSON.
    case aggregatorUpdate(AggregatorUpdateFormat)

    /// `measurements` cut into batches of at most `batchSize` (at least 1), in order.
    static func batches(
        _ measurements: [MeterMeasurement],
        batchSize: Int
    ) -> some Sequence<ArraySlice<MeterMeasurement>> {
        let size = max(1, batchSize)
        return stride(from: 0, to: measurements.count, by: size).lazy.map { start in
            measurements[start..<min(start + size, measurements.count)]
        }
    }

    /// The body for one batch. An age gauge's value is its age at `timestampMillis`.
    func body(_ batch: ArraySlice<MeterMeasurement>, timestampMillis: Int64) -> [UInt8] {
        let levels = batch.map { $0.asLevel(atMillis: timestampMillis) }
        switch self {
        case .atlasPublish(let format, let step):
            return format.body(levels, timestampMillis: timestampMillis, step: step)
        case .aggregatorUpdate(let format):
            return format.body(levels)
        }
    }

    /// The bodies for `measurements`, encoded one at a time as they are iterated, each with the
    /// number of measurements it carries.
    func bodies(
        _ measurements: [MeterMeasurement],
        timestampMillis: Int64,
        batchSize: Int
    ) -> some Sequence<(body: [UInt8], measurementCount: Int)> {
        Self.batches(measurements, batchSize: batchSize).lazy.map { batch in
            (body(batch, timestampMillis: timestampMillis), batch.count)
        }
    }
}
