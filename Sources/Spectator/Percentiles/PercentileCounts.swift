import Synchronization

/// One atomic count per percentile bucket, preallocated inside the meter (2 208 bytes).
struct PercentileCounts: ~Copyable, Sendable {
    private let counts: InlineArray<276, Atomic<UInt64>>

    init() {
        counts = InlineArray { _ in Atomic(0) }
    }

    /// Counts one value in the bucket of `value`.
    @inline(__always)
    func record(_ value: Int64) {
        counts[PercentileBuckets.index(of: value)].wrappingAdd(1, ordering: .relaxed)
    }

    /// Appends one `statistic=percentile` delta per non-empty bucket, tagged from `tagValues`, and
    /// resets the counts.
    func collect(id: MeterId, tagValues: [String], into measurements: inout [MeterMeasurement]) -> Bool {
        var active = false
        for index in counts.indices where counts[index].load(ordering: .relaxed) != 0 {
            let count = counts[index].exchange(0, ordering: .relaxed)
            measurements.append(
                MeterMeasurement(
                    id: id,
                    statistic: .percentile,
                    percentile: tagValues[index],
                    value: Double(count),
                    kind: .delta
                )
            )
            active = true
        }
        return active
    }
}
