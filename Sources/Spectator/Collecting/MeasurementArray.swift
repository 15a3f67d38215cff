/// Collects into ``MeterMeasurement``s, for ``Registry/collect()`` and the HTTP encoders.
struct MeasurementArray: MeasurementWriter {
    var measurements: [MeterMeasurement] = []

    mutating func write(
        _ id: MeterId,
        statistic: Statistic?,
        percentile: PercentileTag?,
        value: Double,
        kind: MeterMeasurement.Kind
    ) {
        measurements.append(
            MeterMeasurement(id: id, statistic: statistic, percentileTag: percentile, value: value, kind: kind)
        )
    }
}
