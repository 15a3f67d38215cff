/// One meter's measurements, added up: the one reading that the console's table and SpectatorTesting's
/// read-back both show.
///
/// Deltas are summed; a gauge, an active-task count and a running duration keep their last value; a
/// step maximum keeps the largest; percentile buckets add up their counts, and a sketch's registers
/// keep their highest rank.
///
/// ```swift
/// var reading = MeterReading()
/// for measurement in registry.collect() where measurement.id == id { reading.add(measurement) }
/// reading.sum(.count)
/// ```
package struct MeterReading: Sendable {
    /// The statistics added so far (a measurement without one counts as `count` or `gauge`).
    package private(set) var statistics: Set<Statistic> = []
    private var sums: [Statistic: Double] = [:]
    /// The largest step maximum.
    package private(set) var max: Double?
    /// The last gauge, active-task or duration value.
    package private(set) var lastValue: Double?
    /// Bucket counts by index, for percentile meters; empty for others.
    package private(set) var bucketCounts: [UInt64] = []
    /// Whether the buckets are a timer's (`T`) rather than a distribution summary's (`D`).
    package private(set) var bucketsAreTimer = false
    /// The highest rank of each register, for distinct-count sketches; empty for others.
    package private(set) var registers: [Int] = []

    package init() {}

    package mutating func add(_ measurement: MeterMeasurement) {
        let statistic = measurement.statistic ?? (measurement.kind.isDelta ? .count : .gauge)
        statistics.insert(statistic)
        switch statistic {
        case .max where measurement.kind == .max:
            max = Swift.max(max ?? measurement.value, measurement.value)
        case .gauge, .activeTasks, .duration:
            lastValue = measurement.value
            sums[statistic] = measurement.value
        case .percentile:
            guard let bucket = measurement.bucket, bucket.isPercentile else { return }
            if bucketCounts.isEmpty { bucketCounts = Array(repeating: 0, count: PercentileBuckets.count) }
            bucketCounts[bucket.index] &+= UInt64(measurement.value)
            bucketsAreTimer = bucket.kind == .timerPercentile
        case .distinct:
            _ = measurement.mergeRegister(into: &registers)
        default:
            sums[statistic, default: 0] += measurement.value
        }
    }

    /// The sum of `statistic` (the last value of a gauge, active-task count or duration); 0 if none
    /// was added.
    package func sum(_ statistic: Statistic) -> Double { sums[statistic] ?? 0 }
}
