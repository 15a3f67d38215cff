/// Receives a step's values straight from the meters at a collection: one ``MeterMeasurement`` per
/// statistic, and one per percentile bucket or sketch register hit, each a value on the stack (its id is the meter's,
/// shared, not copied).
///
/// Each exporter's step is a writer, so values go from the meters' atomics into its format's datagram
/// or line buffer; ``Registry/collect()`` uses a writer that keeps the measurements in an array.
@usableFromInline
protocol MeasurementWriter {
    /// Takes one value; it is always finite.
    mutating func write(_ measurement: MeterMeasurement)
}

extension MeasurementWriter {
    /// Writes `value` (an infinite one saturated, as ``MeterMeasurement`` does). Meters never emit
    /// NaN; they skip it.
    @inline(__always)
    mutating func emit(
        _ id: MeterId,
        _ statistic: Statistic?,
        _ value: Double,
        _ kind: MeterMeasurement.Kind,
        bucket: BucketTag? = nil
    ) {
        write(MeterMeasurement(id: id, statistic: statistic, bucket: bucket, value: value, kind: kind))
    }
}

/// Collects into ``MeterMeasurement``s, for ``Registry/collect()`` and the HTTP exporter's formats.
struct MeasurementArrayWriter: MeasurementWriter {
    var measurements: [MeterMeasurement] = []

    mutating func write(_ measurement: MeterMeasurement) {
        measurements.append(measurement)
    }
}
