/// Receives a step's values straight from the meters at a collection: one call per statistic, and
/// one per percentile bucket hit, without building a ``MeterMeasurement`` for each.
///
/// The publisher's encoders are writers, so values go from the meters' atomics into the datagram or
/// body buffer; ``Registry/collect()`` uses a writer that builds the measurements.
@usableFromInline
protocol MeasurementWriter {
    /// Takes one value; it is always finite.
    ///
    /// - Parameters:
    ///   - statistic: the `statistic` tag to add, or `nil` when `id` carries the user's own.
    ///   - percentile: the `percentile` tag of a percentile bucket, otherwise `nil`.
    mutating func write(
        _ id: MeterId,
        statistic: Statistic?,
        percentile: PercentileTag?,
        value: Double,
        kind: MeterMeasurement.Kind
    )
}

extension MeasurementWriter {
    /// Writes `value`, an infinite one saturated at `±Double.greatestFiniteMagnitude`. Meters never
    /// emit NaN; they skip it.
    @inline(__always)
    mutating func emit(
        _ id: MeterId,
        _ statistic: Statistic?,
        _ value: Double,
        _ kind: MeterMeasurement.Kind,
        percentile: PercentileTag? = nil
    ) {
        let finite = value.isInfinite ? (value < 0 ? -.greatestFiniteMagnitude : .greatestFiniteMagnitude) : value
        write(id, statistic: statistic, percentile: percentile, value: finite, kind: kind)
    }

    /// Writes a measurement built earlier (the publisher's own).
    mutating func write(_ measurement: MeterMeasurement) {
        write(
            measurement.id,
            statistic: measurement.statistic,
            percentile: measurement.percentileTag,
            value: measurement.value,
            kind: measurement.kind
        )
    }
}
