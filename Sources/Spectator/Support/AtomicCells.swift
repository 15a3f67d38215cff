public import Synchronization

/// A fixed number of atomic integers in one heap block that lives as long as its owner: the buckets
/// of a percentile meter, the registers of a sketch.
///
/// A pointer-held block rather than an `InlineArray`, which would need macOS 26: with it, macOS 15
/// (where `Synchronization` begins) is the floor. A record reaches a cell through the block's address,
/// which the holder keeps in its one word.
@usableFromInline
struct AtomicCells<Value: FixedWidthInteger & AtomicRepresentable>: ~Copyable, @unchecked Sendable {
    // @unchecked: the block is reached only through `Atomic` operations, and freed once, by deinit.
    @usableFromInline let base: UnsafeMutablePointer<Atomic<Value>>

    /// Allocates `count` cells, each 0.
    init(count: Int) {
        base = .allocate(capacity: count)
        for index in 0..<count {
            (base + index).initialize(to: Atomic(0))
        }
    }

    /// Frees the block. An atomic integer holds nothing to release, so there is nothing to
    /// deinitialize first; the block's one word is all a holder stores.
    deinit {
        base.deallocate()
    }

    /// The cell at `index` (0 ..< count; not checked).
    @inlinable
    subscript(index: Int) -> Atomic<Value> {
        unsafeAddress { UnsafePointer(base + index) }
    }

    /// The cell at `index` (0 ..< count), spelled as `InlineArray` spells an access it does not check.
    @inlinable
    subscript(unchecked index: Int) -> Atomic<Value> {
        unsafeAddress { UnsafePointer(base + index) }
    }
}
