/// What the registry's two open-addressing tables (``LookupTable`` and ``IndexTable``) share: a
/// power-of-two number of slots, at least ``minimumCapacity``, that grows before it is more than ¾
/// full; and linear probing from a hash's low bits.
///
/// ```swift
/// var probe = OpenAddressing.Probe(hash: hash, capacity: slots.count)
/// while slots[probe.slot] != 0 { probe.advance() }
/// ```
@usableFromInline
enum OpenAddressing {
    static let minimumCapacity = 16

    /// Whether `count` entries would fill more than ¾ of `capacity` slots.
    static func isOverfull(count: Int, capacity: Int) -> Bool {
        count * 4 > capacity * 3
    }

    /// The smallest capacity that holds `count` entries without being overfull.
    static func capacity(for count: Int) -> Int {
        var capacity = minimumCapacity
        while isOverfull(count: count, capacity: capacity) { capacity *= 2 }
        return capacity
    }

    /// The slots a hash visits, in order: its low bits, then each next slot, wrapping around.
    @usableFromInline
    struct Probe {
        @usableFromInline var slot: Int
        @usableFromInline let mask: Int

        @inlinable @inline(__always)
        init(hash: Int, capacity: Int) {
            mask = capacity &- 1
            slot = hash & mask
        }

        @inlinable @inline(__always)
        mutating func advance() {
            slot = (slot &+ 1) & mask
        }
    }
}
