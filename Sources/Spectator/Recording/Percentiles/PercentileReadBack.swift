/// Which counts a percentile meter reads back in-process.
public enum PercentileWindow: Sendable {
    /// The last completed step.
    case lastStep
    /// Every completed step since the meter was created.
    case sinceCreation
}

/// The bucket counts a percentile meter created with local percentiles keeps for reading back: the
/// last completed step's, and their total since creation (4.4 KB, allocated with the meter). The
/// collection that completes a step adds to them; readers copy them under a lock.
final class PercentileReadBack: Sendable {
    private let counts = Locked<(lastStep: [UInt64], total: [UInt64])>(
        (
            lastStep: [UInt64](repeating: 0, count: PercentileBuckets.count),
            total: [UInt64](repeating: 0, count: PercentileBuckets.count)
        )
    )

    /// Takes the counts of a step just completed.
    func add(_ step: UnsafeBufferPointer<UInt64>) {
        counts.withLock { counts in
            for index in step.indices {
                counts.lastStep[index] = step[index]
                counts.total[index] &+= step[index]
            }
        }
    }

    /// A copy of the counts of `window`, one per bucket.
    func counts(_ window: PercentileWindow) -> [UInt64] {
        counts.withLock { window == .lastStep ? $0.lastStep : $0.total }
    }
}
