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

    /// Writes `distribution`'s four statistics, its count being the sum of the bucket counts (so a
    /// record needs no count of its own), then one `statistic=percentile` delta per non-empty bucket;
    /// resets both, and hands the step's counts to `readBack`.
    ///
    /// - Returns: whether anything was recorded.
    func collect<Writer: MeasurementWriter>(
        with distribution: borrowing StepDistribution,
        id: MeterId,
        divisor: Double,
        totalStatistic: Statistic,
        isTimer: Bool,
        readBack: PercentileReadBack?,
        into writer: inout Writer
    ) -> Bool {
        let (counts, total) = exchange()
        readBack?.add(counts)
        let active = distribution.collect(
            id: id,
            divisor: divisor,
            totalStatistic: totalStatistic,
            counted: total,
            into: &writer
        )
        Self.write(counts, id: id, isTimer: isTimer, into: &writer)
        return active
    }

    /// Takes the counts, resetting them.
    ///
    /// - Returns: the counts by bucket, and their sum: the number of values recorded.
    private func exchange() -> (counts: InlineArray<276, UInt64>, total: UInt64) {
        var total: UInt64 = 0
        let taken = InlineArray<276, UInt64> { index in
            let count = counts[index].load(ordering: .relaxed) == 0 ? 0 : counts[index].exchange(0, ordering: .relaxed)
            total &+= count
            return count
        }
        return (taken, total)
    }

    /// Writes one `statistic=percentile` delta per non-empty bucket of `counts`.
    private static func write<Writer: MeasurementWriter>(
        _ counts: borrowing InlineArray<276, UInt64>,
        id: MeterId,
        isTimer: Bool,
        into writer: inout Writer
    ) {
        for index in counts.indices where counts[index] != 0 {
            writer.emit(
                id,
                .percentile,
                Double(counts[index]),
                .delta,
                bucket: .percentile(isTimer: isTimer, index: index)
            )
        }
    }
}
