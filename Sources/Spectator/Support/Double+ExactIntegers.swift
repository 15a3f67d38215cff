extension Double {
    /// 2⁵³: every whole number below it is exactly a `Double`, and above it whole numbers start to be
    /// skipped. Whole amounts below it are counted as integers and printed without a decimal point
    /// with nothing lost.
    static let exactIntegerLimit: Double = 9_007_199_254_740_992
}
