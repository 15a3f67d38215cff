/// Numbers and durations as the console view prints them: short, without Foundation's formatter.
enum ConsoleNumber {
    /// `1234`, `12.5`, `0.25`, `0.0012`: whole numbers without decimals, others with as many as their
    /// size needs to show about three significant digits.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        let size = abs(value)
        if size >= 1e15 { return value.description }
        if value == value.rounded() { return String(Int64(value)) }
        let decimals = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : size >= 0.01 ? 3 : 4
        return fixed(value, decimals: decimals)
    }

    /// `seconds` in the unit that suits it: `1.25s`, `42.0ms`, `310.5µs`, `800ns`.
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite else { return seconds.description }
        let size = abs(seconds)
        if size >= 1 { return fixed(seconds, decimals: 2) + "s" }
        if size >= 1e-3 { return fixed(seconds * 1e3, decimals: 1) + "ms" }
        if size >= 1e-6 { return fixed(seconds * 1e6, decimals: 1) + "µs" }
        return fixed(seconds * 1e9, decimals: 0) + "ns"
    }

    /// `value` rounded to `decimals` places, every place written (`fixed(2.5, decimals: 2)` is `2.50`).
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e18 else { return value.description }
        let units = Int64(scaled)
        let sign = value < 0 && units > 0 ? "-" : ""
        let whole = String(units / scale)
        guard decimals > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
