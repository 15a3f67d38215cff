// Number conversions that neither trap nor lose what they must keep.

extension Duration {
    /// The duration in whole nanoseconds, saturating at the bounds of `Int64` instead of trapping.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (fromSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflowSum) = fromSeconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflowSum { return seconds < 0 ? .min : .max }
        return total
    }
}

extension Double {
    /// 2⁵³: every whole number below it is exactly a `Double`, and above it whole numbers start to be
    /// skipped. Whole amounts below it are counted as integers and printed without a decimal point
    /// with nothing lost.
    static let exactIntegerLimit: Double = 9_007_199_254_740_992
}
