/// One meter's measurements of a step, for a row of the ``ConsoleTable``.
struct ConsoleMeter {
    private var reading = MeterReading()
    /// Whether the value is an age gauge's age, in seconds.
    private var isAge = false

    /// Adds one measurement, taken as `kind` (an age gauge's `.age`, before it became its age).
    mutating func add(_ measurement: MeterMeasurement, kind: MeterMeasurement.Kind) {
        if kind == .age { isAge = true }
        reading.add(measurement)
    }

    /// COUNT, RATE/S, MEAN, MAX, P50, P90, P99 and VALUE; empty where the meter has none. A
    /// distinct-count sketch's VALUE is its estimate, marked `≈`.
    func cells(stepSeconds: Double) -> [String] {
        var cells = Array(repeating: "", count: 8)
        let has = reading.statistics.contains
        let isTimer = has(.totalTime) || reading.bucketsAreTimer
        let show: (Double) -> String = {
            isTimer ? ConsoleNumber.duration(seconds: $0) : ConsoleNumber.format($0)
        }
        if has(.count) {
            let count = reading.sum(.count)
            cells[0] = ConsoleNumber.format(count)
            cells[1] = ConsoleNumber.format(count / stepSeconds)
            let total = has(.totalTime) ? reading.sum(.totalTime) : has(.totalAmount) ? reading.sum(.totalAmount) : nil
            if let total, count > 0 { cells[2] = show(total / count) }
        }
        if let max = reading.max { cells[has(.count) ? 3 : 7] = show(max) }
        if !reading.bucketCounts.isEmpty {
            let percentiles = PercentileBuckets.percentiles([50, 90, 99], counts: reading.bucketCounts)
            for (offset, value) in percentiles.enumerated() {
                cells[4 + offset] = reading.bucketsAreTimer ? ConsoleNumber.duration(seconds: value / 1e9) : show(value)
            }
        }
        if has(.gauge) {
            let gauge = reading.sum(.gauge)
            cells[7] = isAge ? ConsoleNumber.duration(seconds: gauge) : ConsoleNumber.format(gauge)
        }
        if !reading.registers.isEmpty {
            cells[7] =
                "≈" + ConsoleNumber.format(DistinctCountSketch.cardinality(registers: reading.registers).rounded())
        }
        if has(.activeTasks) {
            let active = reading.sum(.activeTasks)
            let running = has(.duration) ? ", \(ConsoleNumber.duration(seconds: reading.sum(.duration))) running" : ""
            cells[7] = "\(ConsoleNumber.format(active)) active" + (active > 0 ? running : "")
        }
        return cells
    }
}
