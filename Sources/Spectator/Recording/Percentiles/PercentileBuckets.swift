/// Spectator's 276 exponential buckets, shared by every Spectator client and backend
/// ([PercentileBuckets.java](https://github.com/Netflix/spectator/blob/HEAD/spectator-api/src/main/java/com/netflix/spectator/api/histogram/PercentileBuckets.java)).
///
/// Bucket `i` counts values up to `values[i]`: 1, 2, 3, 4, then for each power of four a third of it
/// at a time, up to `Int64.max`. A value maps to a bucket with the same integer arithmetic as
/// Spectator's `PercentileBuckets.indexOf`, so what a Swift service aggregates lands in exactly the
/// buckets Java, Go and SpectatorD use.
///
/// ```swift
/// PercentileBuckets.index(of: 1_000_000_000)   // 131, tagged T0083 on a timer
/// PercentileBuckets.percentile(50, counts: collectedCounts)
/// ```
public enum PercentileBuckets {
    /// The number of buckets.
    public static let count = BucketTag.percentileCount

    /// The upper bound of every bucket, ascending; the last is `Int64.max`.
    public static let values: [Int64] = makeValues().values

    /// `1 / (4^k / 3)` for each power of four `4^k` (0 where that is 0), for ``index(of:)``: the
    /// reciprocal of the step between the buckets of `4^k`. A literal (`PercentileBucketsTests` checks
    /// it against the arithmetic), so the compiler lays the table out statically and the hot path
    /// reads it without a lazy initialisation check.
    static let reciprocalOfDelta: [Double] = [
        0, 1.0, 0.2, 0.047619047619047616, 0.011764705882352941, 0.002932551319648094, 0.0007326007326007326,
        0.00018311664530305805, 4.5777065690089265e-05, 1.1444135452787219e-05, 2.8610256777054574e-06,
        7.152559078349847e-07, 1.7881394498431355e-07, 4.47034842476768e-08, 1.1175870937019106e-08,
        2.7939677264485208e-09, 6.984919311242392e-10, 1.7462298275056662e-10, 4.365574568573583e-11,
        1.0913936421314844e-11, 2.7284841053212663e-12, 6.821210263298513e-13, 1.7053025658243374e-13,
        4.263256414560662e-14, 1.065814103640154e-14, 2.664535259100378e-15, 6.661338147750941e-16,
        1.6653345369377348e-16, 4.163336342344337e-17, 1.0408340855860843e-17, 2.6020852139652106e-18,
        6.505213034913027e-19,
    ]

    /// The index of the first bucket of `4^k` (`powerOf4Index` in Spectator), for `k` ≥ 1: the values
    /// up to 4 take the first three buckets, `4^1` takes eleven (4 … 14, a step of 1), and every
    /// higher power nine (`PercentileBucketsTests` checks this against the table Spectator builds).
    @inline(__always)
    static func firstIndex(ofPowerOf4 k: Int) -> Int {
        k == 1 ? 3 : 9 &* k &- 4
    }

    /// `T0000` … `T0113`: the `percentile` tag values of a percentile timer's buckets.
    public static let timerTagValues: [String] = BucketTag.timerValues

    /// `D0000` … `D0113`: the `percentile` tag values of a percentile distribution summary's buckets.
    public static let distributionTagValues: [String] = BucketTag.summaryValues

    /// The bucket index of `value`: 0 for values up to 0, `count - 1` for the largest values.
    @inline(__always)
    public static func index(of value: Int64) -> Int {
        if value <= 0 { return 0 }
        if value <= 4 { return Int(value) }
        var shift = 63 - value.leadingZeroBitCount
        let previousPowerOf2 = (value >> shift) << shift
        var previousPowerOf4 = previousPowerOf2
        if shift % 2 != 0 {
            shift -= 1
            previousPowerOf4 = previousPowerOf2 >> 1
        }
        let delta = previousPowerOf4 / 3
        let difference = value - previousPowerOf4
        // Spectator divides `difference / delta`; a 64-bit division costs more than the rest of the
        // record. Multiplying by the reciprocal is off by at most one, which one comparison mends.
        var offset = Int64(Double(difference) * reciprocalOfDelta[shift / 2])
        if offset &* delta > difference {
            offset -= 1
        } else if difference &- offset &* delta >= delta {
            offset += 1
        }
        let position = Int(offset) + firstIndex(ofPowerOf4: shift / 2)
        return position >= count - 1 ? count - 1 : position + 1
    }

    /// The upper bound of the bucket `value` falls in.
    public static func bucket(of value: Int64) -> Int64 {
        values[index(of: value)]
    }

    /// Estimates the `percentile` (0…100) of the values counted in `counts`, one count per bucket.
    ///
    /// Interpolates linearly inside the bucket that holds the percentile, as Spectator does. Returns
    /// 0 when nothing was counted. A percentile below 0 or above 100 is read as 0 or 100, NaN as 0.
    public static func percentile(_ percentile: Double, counts: [UInt64]) -> Double {
        percentiles([percentile], counts: counts)[0]
    }

    /// Estimates several percentiles (each 0…100, ascending) from one set of bucket counts.
    ///
    /// - Parameters:
    ///   - percentiles: the percentiles to estimate, each 0…100, in ascending order (outside the
    ///     range clamped into it, NaN read as 0).
    ///   - counts: one count per bucket (``count`` entries; missing trailing buckets count 0).
    /// - Returns: one estimate per requested percentile, in the recorded unit (nanoseconds for timers).
    public static func percentiles(_ percentiles: [Double], counts: [UInt64]) -> [Double] {
        // Outside 0…100 a percentile would extrapolate past the last bucket: clamped; NaN reads as 0.
        let percentiles = percentiles.map { $0.isNaN ? 0 : min(max($0, 0), 100) }
        var results = [Double](repeating: 0, count: percentiles.count)
        let total = counts.prefix(count).reduce(0.0) { $0 + Double($1) }
        guard total > 0, !percentiles.isEmpty else { return results }
        var next = 0
        var previousCount = 0.0
        var previousPercent = 0.0
        var previousBound = 0.0
        for (index, bucketCount) in counts.prefix(count).enumerated() {
            let nextCount = previousCount + Double(bucketCount)
            let nextPercent = 100 * nextCount / total
            let nextBound = Double(values[index])
            while next < percentiles.count && nextPercent >= percentiles[next] {
                results[next] = interpolate(
                    percentiles[next],
                    from: (previousPercent, previousBound),
                    to: (nextPercent, nextBound)
                )
                next += 1
            }
            guard next < percentiles.count else { break }
            previousCount = nextCount
            previousPercent = nextPercent
            previousBound = nextBound
        }
        while next < percentiles.count {
            results[next] = interpolate(
                percentiles[next],
                from: (previousPercent, previousBound),
                to: (100, Double(Int64.max))
            )
            next += 1
        }
        return results
    }

    private static func interpolate(
        _ percentile: Double,
        from lower: (percent: Double, bound: Double),
        to upper: (percent: Double, bound: Double)
    ) -> Double {
        let fraction = (percentile - lower.percent) / (upper.percent - lower.percent)
        return fraction.isNaN ? 0 : fraction * (upper.bound - lower.bound) + lower.bound
    }

    /// Builds the table the way Spectator does, including its signed 64-bit wrap at 4³¹, which is what
    /// stops the loop and leaves exactly 276 values; with the index of each power of four's first value.
    static func makeValues() -> (values: [Int64], powerOf4Index: [Int]) {
        var values: [Int64] = [1, 2, 3]
        var powerOf4Index = [0]
        var exponent: Int64 = 2
        while exponent < 64 {
            var current: Int64 = 1 &<< exponent
            let delta = current / 3
            let next = (current &<< 2) &- delta
            powerOf4Index.append(values.count)
            while current < next {
                values.append(current)
                current &+= delta
            }
            exponent += 2
        }
        values.append(.max)
        return (values, powerOf4Index)
    }
}
