import Spectator

/// A distinct-count sketch as ``RecordedMeters`` read it.
public struct RecordedDistinctCountSketch: Sendable, Equatable {
    /// The largest rank each of the 64 registers saw over the steps read (0 for none), register 0
    /// first: the registers merged by maximum, as Atlas merges them across steps and instances.
    public let registers: [Int]

    /// The estimated number of distinct values recorded over the steps read.
    public var cardinality: Double { DistinctCountSketch.cardinality(registers: registers) }
}
