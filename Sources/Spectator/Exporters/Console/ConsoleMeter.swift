/// One meter's measurements of a step, for a row of the ``ConsoleTable``.
struct ConsoleMeter {
    private var values: [Statistic: Double] = [:]
    /// Bucket counts by index, and whether they are a timer's (`T`) rather than a summary's (`D`).
    private var buckets: [UInt64] = []
    private var bucketsAreTimer = false
    /// A distinct-count sketch's register ranks by index; empty for other meters.
    private var registers: [Int] = []
    /// Whether the value is an age gauge's age, in seconds.
    private var isAge = false

    /// Adds one measurement, taken as `kind` (an age gauge's `.age`, before it became its age).
    mutating func add(_ measurement: MeterMeasurement, kind: MeterMeasurement.Kind) {
        if kind == .age { isAge = true }
        if measurement.mergeRegister(into: &registers) { return }
        let statistic = measurement.statistic ?? (measurement.kind.isDelta ? .count : .gauge)
        guard statistic == .percentile else {
            values[statistic, default: 0] += measurement.value
            return
        }
        guard let bucket = measurement.bucket, bucket.isPercentile else { return }
        if buckets.isEmpty { buckets = Array(repeating: 0, count: PercentileBuckets.count) }
        buckets[bucket.index] &+= UInt64(measurement.value)
        bucketsAreTimer = bucket.kind == .timerPercentile
    }

    /// COUNT, RATE/S, MEAN, MAX, P50, P90, P99 and VALUE; empty where the meter has none. A
    /// distinct-count sketch's VALUE is its estimate, marked `≈`.
    func cells(stepSeconds: Double) -> [String] {
        var cells = Array(repeating: "", count: 8)
        let isTimer = values[.totalTime] != nil || bucketsAreTimer
        let show: (Double) -> String = {
            isTimer ? ConsoleNumber.duration(seconds: $0) : ConsoleNumber.format($0)
        }
        if let count = values[.count] {
            cells[0] = ConsoleNumber.format(count)
            cells[1] = ConsoleNumber.format(count / stepSeconds)
            if let total = values[.totalTime] ?? values[.totalAmount], count > 0 { cells[2] = show(total / count) }
        }
        if let max = values[.max] { cells[values[.count] == nil ? 7 : 3] = show(max) }
        if !buckets.isEmpty {
            let percentiles = PercentileBuckets.percentiles([50, 90, 99], counts: buckets)
            for (offset, value) in percentiles.enumerated() {
                cells[4 + offset] = bucketsAreTimer ? ConsoleNumber.duration(seconds: value / 1e9) : show(value)
            }
        }
        if let gauge = values[.gauge] {
            cells[7] = isAge ? ConsoleNumber.duration(seconds: gauge) : ConsoleNumber.format(gauge)
        }
        if !registers.isEmpty {
            cells[7] = "≈" + ConsoleNumber.format(DistinctCountSketch.cardinality(registers: registers).rounded())
        }
        if let active = values[.activeTasks] {
            let running = values[.duration].map { ", \(ConsoleNumber.duration(seconds: $0)) running" } ?? ""
            cells[7] = "\(ConsoleNumber.format(active)) active" + (active > 0 ? running : "")
        }
        return cells
    }
}
