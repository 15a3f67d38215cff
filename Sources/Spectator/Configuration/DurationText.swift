/// Parses the durations configuration accepts: `500ms`, `5s`, `1.5m`, `2h`, or ISO-8601 `PT1M30S`.
enum DurationText {
    /// What a valid value looks like, for error messages.
    static let expected = "a duration such as 500ms, 5s, 1m, 2h or PT1M"

    /// `duration` in the largest unit that spells it whole: `100ms`, `1s`, `15m`, `1h`.
    static func text(_ duration: Duration) -> String {
        let milliseconds = Int64(duration / .milliseconds(1))
        for (suffix, unit) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)]
        where milliseconds != 0 && milliseconds % unit == 0 {
            return "\(milliseconds / unit)\(suffix)"
        }
        return "\(milliseconds)ms"
    }

    static func parse(_ text: String) -> Duration? {
        let text = text.trimmingWhitespace
        if text.uppercased().hasPrefix("PT") {
            return parseISO8601(text.uppercased().dropFirst(2))
        }
        for (suffix, unitSeconds) in [("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0)]
        where text.hasSuffix(suffix) {
            guard let amount = Double(text.dropLast(suffix.count)), amount.isFinite, amount >= 0 else { return nil }
            return seconds(amount * unitSeconds)
        }
        return nil
    }

    /// `1H30M5.5S` (the part after `PT`).
    private static func parseISO8601(_ text: Substring) -> Duration? {
        var total = 0.0
        var number = ""
        var sawComponent = false
        for character in text {
            let unit: Double
            switch character {
            case "H": unit = 3600
            case "M": unit = 60
            case "S": unit = 1
            default:
                number.append(character)
                continue
            }
            guard let amount = Double(number), amount.isFinite, amount >= 0 else { return nil }
            total += amount * unit
            number = ""
            sawComponent = true
        }
        return sawComponent && number.isEmpty ? seconds(total) : nil
    }

    private static func seconds(_ seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds < 1e15 else { return nil }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
