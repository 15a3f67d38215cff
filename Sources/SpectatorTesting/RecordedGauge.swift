/// A gauge as ``RecordedMeters`` read it.
public struct RecordedGauge: Sendable, Equatable {
    /// The last value set (for a max gauge, the largest).
    public let value: Double
}
