// Text helpers: trimming what was read, spelling bucket tags.

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension String {
    /// `prefix` then `index` as `digits` uppercase hex digits: `T0042` for a percentile bucket, `R05`
    /// for a sketch register.
    static func hexTag(_ prefix: String, _ index: Int, digits: Int) -> String {
        let hex = String(index, radix: 16, uppercase: true)
        return prefix + String(repeating: "0", count: Swift.max(0, digits - hex.count)) + hex
    }
}
