/// The JSON formats of HTTP publishing, and how a step is cut into bodies of at most `batchSize`
/// measurements each.
enum JSONFormat: Sendable {
    /// Atlas publish JSON, deltas as rates per second of `step`.
    case atlasPublish(AtlasPublishEncoder, step: Duration)
    /// The atlas-aggregator's update JSON.
    case aggregatorUpdate(AggregatorUpdateEncoder)

    /// The bodies for `measurements`, encoded one at a time as they are iterated, each with the
    /// number of measurements it carries. An age gauge's value is its age at `timestampMillis`.
    func bodies(
        _ measurements: [MeterMeasurement],
        timestampMillis: Int64,
        batchSize: Int
    ) -> some Sequence<(body: [UInt8], measurementCount: Int)> {
        let size = max(1, batchSize)
        return stride(from: 0, to: measurements.count, by: size).lazy.map { start in
            let batch = measurements[start..<min(start + size, measurements.count)]
                .map { $0.asLevel(atMillis: timestampMillis) }
            return (body(batch, timestampMillis: timestampMillis), batch.count)
        }
    }

    private func body(_ batch: [MeterMeasurement], timestampMillis: Int64) -> [UInt8] {
        switch self {
        case .atlasPublish(let encoder, let step):
            encoder.body(batch, timestampMillis: timestampMillis, step: step)
        case .aggregatorUpdate(let encoder):
            encoder.body(batch)
        }
    }
}
