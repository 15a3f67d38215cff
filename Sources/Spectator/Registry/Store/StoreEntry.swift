/// One meter of ``MeterStore`` and its bookkeeping, in two words: the meter, and its kind, two flags
/// and the time it was last active packed into the other.
struct StoreEntry: @unchecked Sendable {
    // @unchecked: `meter` is always a `RegisteredMeter`, and every meter is `Sendable`. It is stored as
    // `AnyObject` (one pointer) and its `kind` says which type to cast it to.
    var meter: AnyObject
    /// The kind's raw value in bits 0–7, ``isRetired`` in bit 8, ``typeConflictReported`` in bit 9,
    /// ``lastActivity`` in bits 10–63.
    private var bits: UInt64

    private static let retiredBit: UInt64 = 1 << 8
    private static let conflictBit: UInt64 = 1 << 9
    private static let flagBits: UInt64 = 0x3FF

    init(meter: AnyObject, kind: MeterKind, lastActivity: Int64) {
        self.meter = meter
        bits = UInt64(kind.rawValue)
        self.lastActivity = lastActivity
    }

    /// Which meter type ``meter`` is.
    var kind: MeterKind { MeterKind(rawValue: UInt8(truncatingIfNeeded: bits)).unsafelyUnwrapped }

    /// Microseconds since the store was created (54 bits: 570 years), at the last collection that found
    /// the meter active.
    var lastActivity: Int64 {
        get { Int64(bitPattern: bits >> 10) }
        set { bits = bits & Self.flagBits | UInt64(max(0, newValue)) << 10 }
    }

    /// Removed by ``MeterStore/remove(_:lookup:)``: it goes once the next collection has published it.
    var isRetired: Bool {
        get { bits & Self.retiredBit != 0 }
        set { bits = newValue ? bits | Self.retiredBit : bits & ~Self.retiredBit }
    }

    /// A type conflict on this id has been reported (once is enough).
    var typeConflictReported: Bool {
        get { bits & Self.conflictBit != 0 }
        set { bits = newValue ? bits | Self.conflictBit : bits & ~Self.conflictBit }
    }
}
