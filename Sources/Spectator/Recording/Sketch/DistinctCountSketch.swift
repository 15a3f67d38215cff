/// Estimates how many distinct values were recorded in each step, e.g. distinct users, device ids or
/// client addresses: a HyperLogLog sketch of 64 registers that merges with every other Spectator
/// client's, so that Atlas' `:approx-distinct` counts across a whole fleet.
///
/// ```swift
/// let users = registry.distinctCountSketch("server.distinctUsers", tags: ["endpoint": "/login"])
/// users.record(userId)              // an Int64 or Int
/// users.record(request.clientIP)    // any String or Substring, hashed as its UTF-8 bytes
/// users.record(bytes: deviceToken)  // raw bytes
/// ```
///
/// Each value is hashed with xxHash64 (seed 0; an integer as its eight little-endian bytes, a string
/// as its UTF-8 bytes): the hash's low six bits pick a register, which keeps the largest rank (one
/// more than the leading zeros of the other 58 bits) seen in the step. Each step publishes every
/// register that saw a value as a maximum tagged `statistic=distinct` and `distinct=R00` … `R3F`;
/// a sketch that saw nothing publishes nothing. Recording is allocation-free and lock-free: a hash
/// and one atomic load once the register holds its maximum.
///
/// - Note: The estimate's relative standard error is about 13 % (1.04/√64). A sketch publishes up to
///   64 series per combination of tags: keep its other tags few, as for a ``PercentileTimer``.
public final class DistinctCountSketch: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    @usableFromInline let registers = SketchRegisters()

    @usableFromInline static let noop = DistinctCountSketch(id: .noop)

    /// The number of registers: fixed across the family, so that `distinct=R05` names the same part of
    /// the hash space in every client's sketch.
    public static let registerCount = BucketTag.registerCount

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    /// Records `value`, hashed as its eight bytes, little-endian (as every Spectator client hashes a
    /// 64-bit integer).
    @inlinable @inline(__always)
    public func record(_ value: Int64) {
        registers.record(hash: XXHash64.hash(value))
    }

    /// Records `value`, hashed as an `Int64`.
    @inlinable @inline(__always)
    public func record(_ value: Int) {
        record(Int64(value))
    }

    /// Records `value`, hashed as its UTF-8 bytes; the empty string is a value like any other. A
    /// string of up to 15 bytes is hashed from its own two words.
    @inlinable @inline(__always)
    public func record(_ value: String) {
        guard let words = value.smallWords else { return recordStored(value) }
        let count = Int(truncatingIfNeeded: words.high &>> 56)
        registers.record(hash: XXHash64.hash(words.low, words.high, count: count))
    }

    /// Records a string whose bytes are stored outside it.
    @usableFromInline @inline(never)
    func recordStored(_ value: String) {
        let hash = value.utf8.withContiguousStorageIfAvailable { XXHash64.hash(UnsafeRawBufferPointer($0)) }
        registers.record(hash: hash ?? Self.hashCopying(value))
    }

    /// Records `value`, hashed as its UTF-8 bytes: a `Substring` is read in place.
    @inlinable @inline(__always)
    public func record(_ value: some StringProtocol) {
        let hash = value.utf8.withContiguousStorageIfAvailable { XXHash64.hash(UnsafeRawBufferPointer($0)) }
        registers.record(hash: hash ?? Self.hashCopying(value))
    }

    /// Records the value whose bytes are `bytes` (an `[UInt8]`, an `UnsafeRawBufferPointer`, …);
    /// empty bytes are a value like any other.
    @inlinable @inline(__always)
    public func record(bytes: some Sequence<UInt8>) {
        let hash = bytes.withContiguousStorageIfAvailable { XXHash64.hash(UnsafeRawBufferPointer($0)) }
        registers.record(hash: hash ?? Self.hashCopying(bytes: bytes))
    }

    /// The estimated number of distinct values recorded since the sketch was last collected (the step
    /// in progress), by the estimator Atlas applies to merged registers (see ``cardinality(registers:)``).
    public func cardinality() -> Double {
        Self.cardinality(registers: registers.values())
    }

    /// The estimated number of distinct values behind `registers`, the largest rank each register saw
    /// (0 for none), as spectator-java and Atlas' `:approx-distinct` estimate it: HyperLogLog's
    /// `α·m² / Σ 2^−rank`, and linear counting, `m·ln(m / empty registers)`, while that is at most
    /// `2.5·m` and a register is empty.
    ///
    /// ```swift
    /// DistinctCountSketch.cardinality(registers: [1, 0, 0, 0])   // ≈ 1.15
    /// ```
    public static func cardinality(registers: some Collection<Int>) -> Double {
        let count = Double(registers.count)
        guard count > 0 else { return 0 }
        let alpha = 0.7213 / (1 + 1.079 / count)
        var sum = 0.0
        var empty = 0
        for rank in registers {
            sum += Double(sign: .plus, exponent: -rank, significand: 1)
            if rank == 0 { empty += 1 }
        }
        let estimate = alpha * count * count / sum
        if estimate <= 2.5 * count, empty > 0 {
            return count * Platform.naturalLogarithm(count / Double(empty))
        }
        return estimate
    }

    /// The hash of a string whose UTF-8 is not stored contiguously (a bridged one, say).
    @usableFromInline
    static func hashCopying(_ value: some StringProtocol) -> UInt64 {
        var copy = String(value)
        return copy.withUTF8 { XXHash64.hash(UnsafeRawBufferPointer($0)) }
    }

    /// The hash of bytes that are not stored contiguously.
    @usableFromInline
    static func hashCopying(bytes: some Sequence<UInt8>) -> UInt64 {
        Array(bytes).withUnsafeBytes { XXHash64.hash($0) }
    }

    @usableFromInline static var kind: MeterKind { .distinctCountSketch }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        registers.collect(id: id, into: &writer)
    }
}
