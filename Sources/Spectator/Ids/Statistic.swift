/// The `statistic` tag value of a measurement: which aspect of a meter it reports (Spectator Java's
/// [Statistic](https://github.com/Netflix/spectator/blob/HEAD/spectator-api/src/main/java/com/netflix/spectator/api/Statistic.java)).
public enum Statistic: String, Sendable, CaseIterable {
    /// Events in the step (counters, and the number of timer or summary records).
    case count
    /// Seconds recorded by a timer in the step.
    case totalTime
    /// Amount recorded by a distribution summary in the step.
    case totalAmount
    /// Sum of the squares of the recorded values (s² for timers).
    case totalOfSquares
    /// Largest value in the step.
    case max
    /// Last value set on a gauge.
    case gauge
    /// Events in one percentile bucket; the bucket is named by the `percentile` tag.
    case percentile
    /// Tasks of a long task timer that are running.
    case activeTasks
    /// Seconds the running tasks of a long task timer have been running, added up.
    case duration
    /// The largest rank seen by one register of a distinct-count sketch in the step; the register is
    /// named by the `distinct` tag.
    case distinct
}

extension Statistic {
    /// `,statistic=` and the value, as an id's wire form spells the tag: one copy per line.
    @inline(__always)
    var wireTag: StaticString {
        switch self {
        case .count: ",statistic=count"
        case .totalTime: ",statistic=totalTime"
        case .totalAmount: ",statistic=totalAmount"
        case .totalOfSquares: ",statistic=totalOfSquares"
        case .max: ",statistic=max"
        case .gauge: ",statistic=gauge"
        case .percentile: ",statistic=percentile"
        case .activeTasks: ",statistic=activeTasks"
        case .duration: ",statistic=duration"
        case .distinct: ",statistic=distinct"
        }
    }
}
