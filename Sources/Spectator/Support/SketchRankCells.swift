public import Synchronization

// Where a distinct-count sketch keeps its 64 registers. On Linux, where services run, inside the
// sketch (an `InlineArray`): a record reads its register at a fixed offset from the sketch. On Darwin
// an `InlineArray` needs macOS 26, so the registers sit in a block of their own (`AtomicCells`),
// which keeps the floor at macOS 15 and costs a record one more load. The Darwin branch is not run
// by this project's CI; `AtomicCellsTests` runs the type it picks.

#if canImport(Darwin)
/// The 64 registers of a sketch, an atomic byte each.
@usableFromInline typealias SketchRankCells = AtomicCells<UInt8>

extension AtomicCells<UInt8> {
    /// 64 registers, each 0.
    static func sketchRanks() -> Self { AtomicCells(count: 64) }
}
#else
/// The 64 registers of a sketch, an atomic byte each.
@usableFromInline typealias SketchRankCells = InlineArray<64, Atomic<UInt8>>

extension InlineArray where Element == Atomic<UInt8>, Element: ~Copyable {
    /// 64 registers, each 0.
    static func sketchRanks() -> Self { InlineArray { _ in Atomic(0) } }
}
#endif
