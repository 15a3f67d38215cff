/// Open addressing from a ``MeterId`` to the position of its meter in ``MeterStore``'s array, four
/// bytes a slot: the slots hold positions, and a candidate is confirmed by comparing the id of the
/// meter there.
struct IndexTable: Sendable {
    /// Position + 1 of an entry; 0 where a slot is empty.
    private var slots: [UInt32]
    private var count = 0

    /// An empty table.
    init() {
        slots = Array(repeating: 0, count: 16)
    }

    /// A table of `ids`, each at its position in the sequence.
    init(_ ids: some Collection<MeterId>) {
        var capacity = 16
        while ids.count * 4 > capacity * 3 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        for (position, id) in ids.enumerated() {
            place(position, hash: id.lookupHash)
        }
        count = ids.count
    }

    /// The position of `id`, given the id at each position.
    func find(_ id: MeterId, idAt: (Int) -> MeterId) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: id.lookupHash) & mask
        while slots[slot] != 0 {
            let position = Int(slots[slot]) - 1
            if idAt(position) == id { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Files `position` under `id`, which is not in the table yet, given the id at each position (to
    /// place the others again when the table grows).
    mutating func insert(_ id: MeterId, at position: Int, idAt: (Int) -> MeterId) {
        if (count + 1) * 4 > slots.count * 3 {
            let positions = slots.filter { $0 != 0 }
            slots = Array(repeating: 0, count: slots.count * 2)
            for value in positions {
                place(Int(value) - 1, hash: idAt(Int(value) - 1).lookupHash)
            }
        }
        place(position, hash: id.lookupHash)
        count += 1
    }

    private mutating func place(_ position: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt32(position + 1)
    }
}
