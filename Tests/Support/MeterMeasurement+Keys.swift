package import Spectator

extension MeterMeasurement {
    /// `name,key=value,...` with every published tag, e.g. `latency,statistic=totalTime`.
    package var key: String {
        ([id.name] + tags.map(\.description)).joined(separator: ",")
    }
}

extension [MeterMeasurement] {
    /// Values by ``MeterMeasurement/key``; a key appearing twice would be a bug, so it keeps the sum to show it.
    package var values: [String: Double] {
        reduce(into: [:]) { result, measurement in result[measurement.key, default: 0] += measurement.value }
    }

    /// Kinds by ``MeterMeasurement/key``.
    package var kinds: [String: MeterMeasurement.Kind] {
        reduce(into: [:]) { result, measurement in result[measurement.key] = measurement.kind }
    }
}
