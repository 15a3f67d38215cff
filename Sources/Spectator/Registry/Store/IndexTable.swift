/// Open addressing from a ``MeterId`` to the position of its meter in ``MeterStore``'s array, four
/// bytes a slot: the slots hold positions, and a candidate is confirmed by comparing the id of the
/// meter there.
struct IndexTable: Sendable {
    /// Position + 1 of an entry; 0 where a slot is empty.
    private var slots: [UInt32]
    private var count = 0

    /// An empty table.
    init() {
        slots = Array(repeating: 0, count: OpenAddressing.minimumCapacity)
    }

    /// A table of `ids`, each at its position in the sequence.
    init(_ ids: some Collection<MeterId>) {
        slots = Array(repeating: 0, count: OpenAddressing.capacity(for: ids.count))
        for (position, id) in ids.enumerated() {
            place(position, hash: id.lookupHash)
        }
        count = ids.count
    }

    /// The position of `id`, given the id at each position.
    func find(_ id: MeterId, idAt: (Int) -> MeterId) -> Int? {
        var probe = OpenAddressing.Probe(hash: Int(truncatingIfNeeded: id.lookupHash), capacity: slots.count)
        while slots[probe.slot] != 0 {
            let position = Int(slots[probe.slot]) - 1
            if idAt(position) == id { return position }
            probe.advance()
        }
        return nil
    }

    /// Files `position` under `id`, which is not in the table yet, given the id at each position (to
    /// place the others again when the table grows).
    mutating func insert(_ id: MeterId, at position: Int, idAt: (Int) -> MeterId) {
        if OpenAddressing.isOverfull(count: count + 1, capacity: slots.count) {
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
        var probe = OpenAddressing.Probe(hash: Int(truncatingIfNeeded: hash), capacity: slots.count)
        while slots[probe.slot] != 0 { probe.advance() }
        slots[probe.slot] = UInt32(position + 1)
    }
}
