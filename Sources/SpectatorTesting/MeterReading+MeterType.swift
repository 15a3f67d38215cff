import Spectator

extension MeterReading {
    /// What kind of meter the statistics show.
    enum MeterType: String, Sendable {
        case counter
        case timer
        case distributionSummary = "distribution summary"
        case gauge
        case longTaskTimer = "long task timer"
        case distinctCountSketch = "distinct-count sketch"
    }

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
