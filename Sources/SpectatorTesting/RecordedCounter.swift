/// A counter as ``RecordedMeters`` read it.
public struct RecordedCounter: Sendable, Equatable {
    /// Everything added since the reading began.
    public let count: Double
}
