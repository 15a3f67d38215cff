/// Takes values and keeps none.
struct DiscardingWriter: MeasurementWriter {
    func write(
        _ id: MeterId,
        statistic: Statistic?,
        percentile: PercentileTag?,
        value: Double,
        kind: MeterMeasurement.Kind
    ) {}
}
