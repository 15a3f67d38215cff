import Spectator

/// One meter's measurements, added up over the steps read.
struct RecordedMeter: Sendable {
    /// What kind of meter the statistics show.
    enum MeterType: String, Sendable {
        case counter
        case timer
        case distributionSummary = "distribution summary"
        case gauge
        case longTaskTimer = "long task timer"
        case distinctCountSketch = "distinct-count sketch"
    }

    private var sums: [Statistic: Double] = [:]
    /// The largest step maximum.
    private(set) var max: Double?
    /// The last gauge value.
    private(set) var lastValue: Double?
    /// Bucket counts by index, for percentile meters.
    private(set) var bucketCounts: [UInt64] = []
    /// The largest rank of each register over the steps, for distinct-count sketches.
    private(set) var registers: [Int] = []
    private var statistics: Set<Statistic> = []

    mutating func add(_ measurement: MeterMeasurement) {
        let statistic = measurement.statistic ?? (measurement.kind.isDelta ? .count : .gauge)
        statistics.insert(statistic)
        switch statistic {
        case .max where measurement.kind == .max:
            max = Swift.max(max ?? measurement.value, measurement.value)
        case .gauge, .activeTasks, .duration:
            lastValue = measurement.value
            sums[statistic] = measurement.value
        case .percentile:
            guard let index = measurement.percentileIndex else { return }
            if bucketCounts.isEmpty { bucketCounts = Array(repeating: 0, count: PercentileBuckets.count) }
            bucketCounts[index] += UInt64(measurement.value)
        case .distinct:
            _ = measurement.mergeRegister(into: &registers)
        default:
            sums[statistic, default: 0] += measurement.value
        }
    }

    /// The sum of `statistic` over the steps (its last value for gauges).
    func sum(_ statistic: Statistic) -> Double { sums[statistic] ?? 0 }

    /// The meter's type, from the statistics it reported.
    var type: MeterType {
        if statistics.contains(.totalTime) { return .timer }
        if statistics.contains(.totalAmount) { return .distributionSummary }
        if statistics.contains(.activeTasks) { return .longTaskTimer }
        if statistics.contains(.distinct) { return .distinctCountSketch }
        if statistics.contains(.gauge) || statistics.contains(.max) { return .gauge }
        return .counter
    }

    /// A line for a near miss: the type and what it holds.
    var summary: String {
        switch type {
        case .counter: "counter, count \(sum(.count))"
        case .timer: "timer, count \(Int(sum(.count))), totalTime \(sum(.totalTime)) s"
        case .distributionSummary: "distribution summary, count \(Int(sum(.count))), totalAmount \(sum(.totalAmount))"
        case .gauge: "gauge, value \(lastValue ?? max ?? 0)"
        case .longTaskTimer: "long task timer, activeTasks \(sum(.activeTasks))"
        case .distinctCountSketch:
            "distinct-count sketch, cardinality \(DistinctCountSketch.cardinality(registers: registers))"
        }
    }
}
