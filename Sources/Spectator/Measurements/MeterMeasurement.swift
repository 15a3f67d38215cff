/// One value a meter reports for one step: what a publisher encodes and sends.
///
/// The measurement's full identity is the meter's ``id`` plus the ``statistic`` tag and, for
/// percentile buckets, the ``percentile`` tag (`T0042` / `D0042`), or for a distinct-count sketch's
/// registers the ``distinctRegister`` tag (`R05`). ``tags`` spells that out.
///
/// ```swift
/// for measurement in registry.collect() {
///     print(measurement.tags, measurement.value, measurement.kind)
/// }
/// ```
public struct MeterMeasurement: Sendable, Equatable, CustomStringConvertible {
    /// How a value combines over time, which decides its line type and JSON operation.
    public enum Kind: Sendable, Equatable {
        /// An amount accumulated during the step (counters, timer and summary totals, bucket counts).
        case delta
        /// The last value of a gauge.
        case gauge
        /// The largest value seen during the step.
        case max
        /// The last value of a gauge that a sidecar drops after `ttlSeconds` without an update
        /// (SpectatorD's `g,<ttl>` lines).
        case expiringGauge(ttlSeconds: Int)
        /// The Unix time, in seconds, of the last success: an age gauge publishes how long ago that
        /// was (SpectatorD's `A` lines carry the time, and the sidecar computes the age).
        case age

        /// Whether the value accumulates over the step (a rate in Atlas) rather than being a level.
        public var isDelta: Bool { self == .delta }
    }

    /// The id of the meter that produced the measurement.
    public let id: MeterId
    /// The `statistic` tag to add, or `nil` when ``id`` already carries the user's own `statistic` tag,
    /// which counters and gauges keep, as in Spectator Java.
    public let statistic: Statistic?
    /// The `percentile` tag of a percentile bucket (`T%04X` or `D%04X`), otherwise `nil`.
    public var percentile: String? { bucket?.isPercentile == true ? bucket?.value : nil }
    /// The `distinct` tag of a distinct-count sketch register (`R00` … `R3F`), otherwise `nil`.
    public var distinctRegister: String? { bucket?.isPercentile == false ? bucket?.value : nil }
    /// The bucket behind ``percentile`` or ``distinctRegister``.
    let bucket: BucketTag?
    /// The index of the bucket behind ``percentile`` (0 ..< ``PercentileBuckets/count``), for the
    /// package's readers of measurements.
    package var percentileIndex: Int? { bucket?.isPercentile == true ? bucket?.index : nil }
    /// The index of the sketch register behind ``distinctRegister`` (0 ..< 64).
    private var registerIndex: Int? { bucket?.isPercentile == false ? bucket?.index : nil }
    /// The value: always finite. Timer values are in seconds (`totalOfSquares` in s²).
    public let value: Double
    /// Whether ``value`` is a step delta, a gauge value or a step maximum.
    public let kind: Kind

    /// Creates a measurement; an infinite `value` saturates at `±Double.greatestFiniteMagnitude`.
    ///
    /// Meters never create a measurement from NaN; they skip it.
    init(id: MeterId, statistic: Statistic?, bucket: BucketTag? = nil, value: Double, kind: Kind) {
        self.id = id
        self.statistic = statistic
        self.bucket = bucket
        // An infinity saturates to the largest finite value (a minimum and a maximum, no branch).
        self.value = Swift.min(Swift.max(value, -.greatestFiniteMagnitude), .greatestFiniteMagnitude)
        self.kind = kind
    }

    /// Raises its register in `registers` (64 ranks, made on first use) to this measurement's rank, if
    /// it is a distinct-count sketch's register: how the package's readers merge a sketch's steps, by
    /// maximum, as Atlas does.
    ///
    /// - Returns: whether it was a sketch register.
    package func mergeRegister(into registers: inout [Int]) -> Bool {
        guard let register = registerIndex else { return false }
        if registers.isEmpty { registers = Array(repeating: 0, count: BucketTag.registerCount) }
        registers[register] = max(registers[register], Int(value))
        return true
    }

    /// The tags this measurement is published with: the meter's tags with `statistic` (and
    /// `percentile` or `distinct`) set, sorted by key: the order every format writes them in.
    public var tags: [Tag] {
        var tags: [Tag] = []
        PublishedTags(common: []).forEach(id: id, statistic: statistic, bucket: bucket) { key, value in
            tags.append(Tag(key: String(decoding: key, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }
        return tags
    }

    /// `name,key=value,...` with every published tag, then the value: `lat,statistic=count:3.0 (delta)`.
    public var description: String {
        ([id.name] + tags.map(\.description)).joined(separator: ",") + ":\(value) (\(kind))"
    }

    /// The measurement as backends without SpectatorD's special gauges take it: an age gauge's time of
    /// last success becomes its age at `millis` (Unix milliseconds) in seconds, and an expiring gauge a
    /// plain one (it stops being published when it expires).
    func asLevel(atMillis millis: Int64) -> MeterMeasurement {
        switch kind {
        case .age:
            let age = max(0, Double(millis) / 1000 - value)
            return MeterMeasurement(
                id: id,
                statistic: statistic,
                bucket: bucket,
                value: age,
                kind: .gauge
            )
        case .expiringGauge:
            return MeterMeasurement(
                id: id,
                statistic: statistic,
                bucket: bucket,
                value: value,
                kind: .gauge
            )
        case .delta, .gauge, .max:
            return self
        }
    }
}
