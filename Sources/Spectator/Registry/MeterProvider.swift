public import Synchronization

/// Meters of one type that share a name and tag keys, found by their tag values alone: the name
/// and the keys are given once, when the provider is made, and each call hashes and compares only
/// the values (as Micrometer's `MeterProvider` and Prometheus' `CounterVec.WithLabelValues` do).
///
/// ```swift
/// let requests = registry.counters("server.requestCount", tagKeys: ["status", "method", "endpoint"])
/// requests.withValues("200", "GET", "/users").increment()
/// ```
///
/// Values pair with the keys in order. A value left out (fewer values than keys), and an empty
/// one, leaves its key out of the meter's tags; values beyond the keys are ignored. Names, keys and
/// values are sanitised as in every id (see ``MeterId``).
///
/// A provider remembers the meters it has handed out, up to 1 024 combinations of values, and
/// finds them again without the registry; those meters do not expire while the provider lives.
/// Further combinations (and five values or more) go through the registry on every call, with a
/// tag list made for it. Finding a remembered meter allocates nothing and takes no lock.
public final class MeterProvider<Meter: AnyObject & Sendable>: @unchecked Sendable {
    // @unchecked: `slots` is written only by compare-and-exchange from empty to an entry that
    // never changes afterwards, and read with acquiring loads; entries are released in deinit.

    /// The meters' name.
    public let name: String
    /// The tag keys, in the order values are given.
    public let tagKeys: [String]

    /// A meter for these tags from the registry, and whether it may be remembered (a no-op meter,
    /// handed out while the registry is full, is not).
    typealias LookUp = @Sendable (_ name: String, _ tags: [(key: String, value: String)]) -> (Meter, remember: Bool)

    private let lookUp: LookUp
    @usableFromInline let slots: UnsafeMutablePointer<Atomic<UInt>>

    /// Slots for remembered meters, a power of two.
    @inlinable
    static var capacity: Int { 1024 }
    /// Slots tried from a value's home slot before a lookup goes to the registry instead.
    @inlinable
    static var probes: Int { 8 }

    /// A remembered meter and the values it was found for (unused values are empty).
    @usableFromInline
    final class Entry {
        @usableFromInline let hash: UInt64
        @usableFromInline let count: Int
        @usableFromInline let v0: String
        @usableFromInline let v1: String
        @usableFromInline let v2: String
        @usableFromInline let v3: String
        @usableFromInline let meter: Meter

        init(hash: UInt64, _ count: Int, _ v0: String, _ v1: String, _ v2: String, _ v3: String, meter: Meter) {
            self.hash = hash
            self.count = count
            self.v0 = v0
            self.v1 = v1
            self.v2 = v2
            self.v3 = v3
            self.meter = meter
        }

        @inlinable @inline(__always)
        func matches(_ hash: UInt64, _ count: Int, _ v0: String, _ v1: String, _ v2: String, _ v3: String) -> Bool {
            guard self.hash == hash, self.count == count, same(self.v0, v0) else { return false }
            return (count < 2 || same(self.v1, v1)) && (count < 3 || same(self.v2, v2))
                && (count < 4 || same(self.v3, v3))
        }
    }

    /// The seed of the values' hash, random per provider.
    @usableFromInline let seed = UInt64.random(in: .min ... .max)

    init(name: String, tagKeys: [String], lookUp: @escaping LookUp) {
        self.name = name
        self.tagKeys = tagKeys
        self.lookUp = lookUp
        slots = .allocate(capacity: Self.capacity)
        for index in 0..<Self.capacity { (slots + index).initialize(to: Atomic(0)) }
    }

    deinit {
        for index in 0..<Self.capacity {
            let bits = slots[index].load(ordering: .acquiring)
            if let pointer = UnsafeRawPointer(bitPattern: bits) { Unmanaged<Entry>.fromOpaque(pointer).release() }
        }
        slots.deinitialize(count: Self.capacity)
        slots.deallocate()
    }

    /// The meter whose first tag key has the value `v0`.
    @inlinable @inline(__always)
    public func withValues(_ v0: String) -> Meter {
        find(1, v0, "", "", "")
    }

    /// The meter whose first two tag keys have the values `v0` and `v1`.
    @inlinable @inline(__always)
    public func withValues(_ v0: String, _ v1: String) -> Meter {
        find(2, v0, v1, "", "")
    }

    /// The meter whose first three tag keys have the values `v0`, `v1` and `v2`.
    @inlinable @inline(__always)
    public func withValues(_ v0: String, _ v1: String, _ v2: String) -> Meter {
        find(3, v0, v1, v2, "")
    }

    /// The meter whose first four tag keys have the values `v0` … `v3`.
    @inlinable @inline(__always)
    public func withValues(_ v0: String, _ v1: String, _ v2: String, _ v3: String) -> Meter {
        find(4, v0, v1, v2, v3)
    }

    /// The meter whose tag keys have `values`, in order; five or more values are not remembered,
    /// so they go through the registry on every call.
    public func withValues(_ values: [String]) -> Meter {
        switch values.count {
        case 0: lookUp(name, []).0
        case 1: find(1, values[0], "", "", "")
        case 2: find(2, values[0], values[1], "", "")
        case 3: find(3, values[0], values[1], values[2], "")
        case 4: find(4, values[0], values[1], values[2], values[3])
        default: lookUp(name, tags(values)).0
        }
    }

    /// The remembered meter for these values, or the registry's (remembered from now on when a slot
    /// near the values' home is free).
    @inlinable @inline(__always)
    func find(_ count: Int, _ v0: String, _ v1: String, _ v2: String, _ v3: String) -> Meter {
        var hash = LookupHash.part(seed, string: v0)
        if count > 1 { hash = LookupHash.part(hash, string: v1) }
        if count > 2 { hash = LookupHash.part(hash, string: v2) }
        if count > 3 { hash = LookupHash.part(hash, string: v3) }
        let home = Int(truncatingIfNeeded: hash) & (Self.capacity - 1)
        for probe in 0..<Self.probes {
            let slot = (home + probe) & (Self.capacity - 1)
            let bits = slots[slot].load(ordering: .acquiring)
            guard let pointer = UnsafeRawPointer(bitPattern: bits) else {
                return remember(hash, count, v0, v1, v2, v3, from: slot)
            }
            let found = Unmanaged<Entry>.fromOpaque(pointer)._withUnsafeGuaranteedRef {
                $0.matches(hash, count, v0, v1, v2, v3) ? $0.meter : nil
            }
            if let found { return found }
        }
        return lookUpUnremembered(count, v0, v1, v2, v3)
    }

    /// The registry's meter for these values, when every slot near their home is taken.
    @usableFromInline
    func lookUpUnremembered(_ count: Int, _ v0: String, _ v1: String, _ v2: String, _ v3: String) -> Meter {
        lookUp(name, tags([v0, v1, v2, v3].prefix(count))).0
    }

    /// The cold path: the registry's meter for these values, filed in the first free slot from
    /// `slot` on.
    @usableFromInline
    func remember(
        _ hash: UInt64,
        _ count: Int,
        _ v0: String,
        _ v1: String,
        _ v2: String,
        _ v3: String,
        from slot: Int
    ) -> Meter {
        let (meter, remember) = lookUp(name, tags([v0, v1, v2, v3].prefix(count)))
        guard remember else { return meter }
        let entry = Unmanaged.passRetained(Entry(hash: hash, count, v0, v1, v2, v3, meter: meter))
        let bits = UInt(bitPattern: entry.toOpaque())
        for probe in 0..<Self.probes {
            let index = (slot + probe) & (Self.capacity - 1)
            let (stored, current) = slots[index].compareExchange(
                expected: 0,
                desired: bits,
                ordering: .acquiringAndReleasing
            )
            if stored { return meter }
            // Another thread filed these values first: keep its entry.
            if let pointer = UnsafeRawPointer(bitPattern: current),
                Unmanaged<Entry>.fromOpaque(pointer).takeUnretainedValue().matches(hash, count, v0, v1, v2, v3)
            {
                break
            }
        }
        entry.release()
        return meter
    }

    /// `values` paired with the keys in order; a value without a key is left out.
    private func tags(_ values: some Collection<String>) -> [(key: String, value: String)] {
        zip(tagKeys, values).map { (key: $0, value: $1) }
    }

}

/// Whether two strings are equal: at once when their two words are (always so for equal small
/// strings; see ``Swift/String/smallWords``), else by `==`.
@inlinable @inline(__always)
func same(_ left: String, _ right: String) -> Bool {
    #if _pointerBitWidth(_64)
    let (left0, left1) = unsafeBitCast(left, to: (UInt64, UInt64).self)
    let (right0, right1) = unsafeBitCast(right, to: (UInt64, UInt64).self)
    if left0 == right0 && left1 == right1 { return true }
    #endif
    return left == right
}
