import Synchronization

/// One atomic count per percentile bucket, allocated with the meter (2 208 bytes).
struct PercentileCounts: ~Copyable, Sendable {
    private let counts = AtomicCells<UInt64>(count: PercentileBuckets.count)

    init() {}

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
        // The step's counts on the stack (2 208 bytes): collecting allocates nothing.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: PercentileBuckets.count) { taken in
            let total = exchange(into: taken)
            readBack?.add(UnsafeBufferPointer(taken))
            let active = distribution.collect(
                id: id,
                divisor: divisor,
                totalStatistic: totalStatistic,
                counted: total,
                into: &writer
            )
            Self.write(UnsafeBufferPointer(taken), id: id, isTimer: isTimer, into: &writer)
            return active
        }
    }

    /// Moves the counts into `taken`, one per bucket, resetting them.
    ///
    /// - Returns: their sum: the number of values recorded.
    private func exchange(into taken: UnsafeMutableBufferPointer<UInt64>) -> UInt64 {
        var total: UInt64 = 0
        for index in taken.indices {
            let count = counts[index].load(ordering: .relaxed) == 0 ? 0 : counts[index].exchange(0, ordering: .relaxed)
            taken.initializeElement(at: index, to: count)
            total &+= count
        }
        return total
    }

    /// Writes one `statistic=percentile` delta per non-empty bucket of `counts`.
    private static func write<Writer: MeasurementWriter>(
        _ counts: UnsafeBufferPointer<UInt64>,
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
