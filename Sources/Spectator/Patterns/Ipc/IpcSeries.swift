import Synchronization

/// The tag values of one IPC series, packed in three words: each free-text value as the ordinal its
/// key's ``RollupLimiter`` gave it (0 for a tag left out), the rest as small numbers. Copying,
/// hashing and comparing a key touch no string.
///
/// A call's series has every field; an in-flight series only the endpoint, the id, the protocol, the
/// VIP and the peer's (``inflight``).
struct IpcSeriesKey: Equatable, Sendable {
    /// A field of the key, and where it lies: its word, its first bit, its width.
    enum Field {
        // Word 0.
        case endpoint, httpMethod, statusDetail, peerApp
        // Word 1.
        case peerCluster, peerAsg, vip, id
        // Word 2. `httpStatus` is 100…599 or 0 for none; `status` is ``IpcStatus``'s place in its
        // cases; `attempt` and `failureInjected` are their values' places plus 1, 0 for none;
        // `attemptFinal` is 1 for a final attempt, 2 for another, 0 for none.
        case `protocol`, httpStatus, status, attempt, attemptFinal, failureInjected

        @inline(__always)
        var place: (word: Int, shift: UInt64, bits: UInt64) {
            switch self {
            case .endpoint: (0, 0, 16)
            case .httpMethod: (0, 16, 16)
            case .statusDetail: (0, 32, 16)
            case .peerApp: (0, 48, 16)
            case .peerCluster: (1, 0, 16)
            case .peerAsg: (1, 16, 16)
            case .vip: (1, 32, 16)
            case .id: (1, 48, 16)
            case .protocol: (2, 0, 16)
            case .httpStatus: (2, 16, 16)
            case .status: (2, 32, 4)
            case .attempt: (2, 36, 4)
            case .attemptFinal: (2, 40, 4)
            case .failureInjected: (2, 44, 4)
            }
        }
    }

    private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)

    init() {}

    /// The value of `field` (0 while unset).
    @inline(__always)
    subscript(_ field: Field) -> Int {
        get {
            let (word, shift, bits) = field.place
            let value = word == 0 ? words.0 : word == 1 ? words.1 : words.2
            return Int(truncatingIfNeeded: value >> shift & (1 << bits - 1))
        }
        set {
            let (word, shift, bits) = field.place
            let mask: UInt64 = (1 << bits - 1) << shift
            let bitsSet = UInt64(truncatingIfNeeded: newValue) << shift & mask
            switch word {
            case 0: words.0 = words.0 & ~mask | bitsSet
            case 1: words.1 = words.1 & ~mask | bitsSet
            default: words.2 = words.2 & ~mask | bitsSet
            }
        }
    }

    var status: IpcStatus {
        get { IpcStatus.allCases[self[.status]] }
        set { self[.status] = newValue.index }
    }

    /// The key of the in-flight series this call's key belongs to.
    var inflight: IpcSeriesKey {
        var key = IpcSeriesKey()
        key.words = (words.0 & 0xFFFF_0000_0000_FFFF, words.1, words.2 & 0xFFFF)  // endpoint, peer, VIP, id, protocol
        return key
    }

    static func == (left: IpcSeriesKey, right: IpcSeriesKey) -> Bool {
        left.words == right.words
    }

    /// The seeded hash the series table files this key under.
    @inline(__always)
    func hash(seed: UInt64) -> UInt64 {
        LookupHash.finish(LookupHash.fold(LookupHash.fold(LookupHash.fold(seed, words.0), words.1), words.2))
    }
}

extension IpcAttempt {
    /// The attempt's place in ``allCases``.
    var index: Int {
        switch self {
        case .initial: 0
        case .second: 1
        case .thirdUp: 2
        case .unknown: 3
        }
    }
}

extension IpcFailureInjection {
    /// The value's place in ``allCases``.
    var index: Int {
        switch self {
        case .none: 0
        case .failure: 1
        case .delay: 2
        case .delayAndFailure: 3
        }
    }
}

extension IpcStatus {
    /// The status's place in ``allCases``.
    var index: Int {
        switch self {
        case .success: 0
        case .badRequest: 1
        case .unexpectedError: 2
        case .connectionError: 3
        case .unavailable: 4
        case .throttled: 5
        case .timeout: 6
        case .cancelled: 7
        case .accessDenied: 8
        case .applicationError: 9
        }
    }
}

/// A series' meters, found again by its key.
protocol IpcSeriesEntry: AnyObject, Sendable {
    var key: IpcSeriesKey { get }
    var hash: UInt64 { get }
}

/// A call series: its percentile timer and, made on first use, its two size summaries.
final class IpcCallSeries: IpcSeriesEntry {
    let key: IpcSeriesKey
    let hash: UInt64
    let timer: PercentileTimer
    private let inbound = SpinLocked<DistributionSummary?>(nil)
    private let outbound = SpinLocked<DistributionSummary?>(nil)
    private let makeSize: @Sendable (_ outbound: Bool) -> DistributionSummary

    init(
        key: IpcSeriesKey,
        hash: UInt64,
        timer: PercentileTimer,
        makeSize: @escaping @Sendable (_ outbound: Bool) -> DistributionSummary
    ) {
        self.key = key
        self.hash = hash
        self.timer = timer
        self.makeSize = makeSize
    }

    /// Records a body of `bytes` that came in (`outbound: false`) or went out.
    func recordSize(_ bytes: Int, outbound isOutbound: Bool) {
        let summary =
            isOutbound
            ? outbound.withLock { $0 ?? made(&$0, outbound: true) }
            : inbound.withLock { $0 ?? made(&$0, outbound: false) }
        summary.record(bytes)
    }

    /// A size summary made for the slot `summary`, and kept there.
    private func made(_ summary: inout DistributionSummary?, outbound: Bool) -> DistributionSummary {
        let made = makeSize(outbound)
        summary = made
        return made
    }
}

/// An in-flight series: its summary and how many of its calls are in flight.
final class IpcInflightSeries: IpcSeriesEntry {
    let key: IpcSeriesKey
    let hash: UInt64
    let summary: DistributionSummary
    private let count = Atomic(0)

    init(key: IpcSeriesKey, hash: UInt64, summary: DistributionSummary) {
        self.key = key
        self.hash = hash
        self.summary = summary
    }

    /// Counts a call that starts, and records how many are in flight with it.
    func begin() {
        summary.record(count.wrappingAdd(1, ordering: .relaxed).newValue)
    }

    /// Counts a call that ended.
    func end() {
        count.wrappingSubtract(1, ordering: .relaxed)
    }
}

/// Series found again by key without a lock, at most 4 096 (an ``InsertOnlyTable``). When it is
/// full, a new key's entry is made afresh for the one use and not kept (the registry finds its
/// meters), or, where the caller holds the entry on (``find(_:overflow:make:)``), the caller's overflow
/// entry stands in.
final class IpcSeriesTable<Entry: IpcSeriesEntry>: Sendable {
    private let entries = InsertOnlyTable<Entry>(capacity: 4_096)
    private let seed = LookupHash.seed

    init() {}

    /// The entry for `key`, made by `make` (given the key's hash) and kept on first use, unretained:
    /// the table holds it as long as the table lives. Once the table is full, a new key gets
    /// `overflow`, which the caller keeps as long as the table.
    @inline(__always)
    func find(_ key: IpcSeriesKey, overflow: Entry, make: (UInt64) -> Entry) -> Unmanaged<Entry> {
        let hash = key.hash(seed: seed)
        if let entry = entries.find(hash: hash, where: { $0.hash == hash && $0.key == key }) { return entry }
        return keep(key, hash: hash, overflow: overflow, make: make)
    }

    private func keep(_ key: IpcSeriesKey, hash: UInt64, overflow: Entry, make: (UInt64) -> Entry) -> Unmanaged<Entry> {
        // A full table keeps no new entry, and one made for this call would not outlive it.
        Unmanaged.passUnretained(
            entries.insert(hash: hash, where: { $0.hash == hash && $0.key == key }, make: { _ in make(hash) })
                ?? overflow
        )
    }

    /// Calls `body` with the entry for `key` (made as ``find(_:overflow:make:)`` makes it), without
    /// retaining an entry the table keeps.
    @inline(__always)
    func withEntry(_ key: IpcSeriesKey, make: (UInt64) -> Entry, _ body: (Entry) -> Void) {
        let hash = key.hash(seed: seed)
        guard let entry = entries.find(hash: hash, where: { $0.hash == hash && $0.key == key }) else {
            return body(
                entries.insert(hash: hash, where: { $0.hash == hash && $0.key == key }, make: { _ in make(hash) })
                    ?? make(hash)
            )
        }
        entry._withUnsafeGuaranteedRef(body)
    }
}
