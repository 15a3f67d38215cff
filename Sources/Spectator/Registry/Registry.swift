/// Holds a service's meters, each under its ``MeterId``, and collects what they recorded.
///
/// Ask the registry for a meter once and keep it; recording into a held meter costs a few atomic
/// operations. Asking again for an existing meter is also allocation-free — tag values computed at run
/// time, such as a status code, included: tag keys and values of up to 15 bytes are hashed and
/// compared from the strings' own words, longer ones written out on the stack as long as the name and
/// tags together stay under about 500 bytes. A lookup on every request is fine too:
///
/// ```swift
/// let registry = Registry()
/// let requests = registry.counter("server.requestCount", tags: ["status": "200", "method": "GET"])
/// requests.increment()
/// registry.timer("server.requestLatency", tags: ["endpoint": "/users"]).record(.milliseconds(42))
/// ```
///
/// The registry never traps on bad input. A request it cannot serve gets a *no-op meter* of the
/// requested type (it accepts recordings and is never published) and is reported once through the
/// ``LogSink``: an id with an empty name, an id already registered as another meter type, and any new
/// id once the registry holds `maxMeters` meters (those refusals are counted in ``refusedMeterCount``).
///
/// Meters that record nothing for `meterTTL` and that the service no longer holds are dropped at a
/// collection; a meter the service still holds is never dropped, so no update is ever lost.
public final class Registry: Sendable {
    let store: MeterStore
    @usableFromInline let lookup: ShardedLookup
    /// Where problems are reported.
    let log: LogSink

    /// Creates an empty registry.
    ///
    /// - Parameters:
    ///   - maxMeters: the most meters it holds; requests for new ids past it get no-op meters.
    ///   - meterTTL: how long a meter nobody holds may stay idle before it is dropped.
    ///   - clock: the time source for expiry; inject a ``ManualClock`` in tests.
    ///   - log: where problems are reported, once each.
    public init(
        maxMeters: Int = 100_000,
        meterTTL: Duration = .seconds(15 * 60),
        clock: any SpectatorClock = SystemClock(),
        log: LogSink = .standardError
    ) {
        store = MeterStore(maxMeters: maxMeters, meterTTL: meterTTL, clock: clock, log: log)
        lookup = ShardedLookup(capacity: 2 * max(maxMeters, 1))
        self.log = log
    }

    /// Creates an empty registry with the cap, meter TTL and log sink of `configuration`.
    ///
    /// ```swift
    /// let registry = Registry(configuration: SpectatorConfiguration())
    /// ```
    public convenience init(configuration: SpectatorConfiguration, clock: any SpectatorClock = SystemClock()) {
        self.init(
            maxMeters: configuration.maxMeters,
            meterTTL: configuration.meterTTL,
            clock: clock,
            log: configuration.log
        )
    }

    /// The number of meters registered.
    public var size: Int { store.count }

    /// The most meters this registry holds.
    public var maxMeters: Int { store.maxMeters }

    /// How many requests for a new meter were refused because the registry was full.
    public var refusedMeterCount: Int { store.refusedCount }

    /// How many names and tags the warm-path lookup remembers: at most 64 shards of
    /// `max(16, 2 × maxMeters / 64)` each, so `2 × maxMeters` for a cap of 512 or more, and up to 1 024
    /// below that.
    var lookupEntryCount: Int { lookup.count }

    /// Everything recorded since the previous collection, one ``MeterMeasurement`` per meter statistic
    /// (and per percentile bucket hit), and the state of every meter reset for the next step.
    ///
    /// Recording may go on concurrently: each value lands in exactly one collection.
    public func collect() -> [MeterMeasurement] {
        var collected = MeasurementArrayWriter()
        collected.measurements.reserveCapacity(store.count)
        collect(into: &collected)
        return collected.measurements
    }

    /// Everything recorded since the previous collection, written straight into `writer`.
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) {
        store.collect(into: &writer, lookup: lookup)
    }

    /// Stops tracking the meter with `id`: the next collection publishes what it recorded and then
    /// drops it. Asking for the id again before that keeps it; asking after creates a new meter.
    /// Recording into a reference held after that collection is no longer published.
    ///
    /// ```swift
    /// registry.remove(MeterId("session.active", tags: ["user": user]))
    /// ```
    public func remove(_ id: MeterId) {
        store.remove(id, lookup: lookup)
    }

    // MARK: - Meters by name and tags

    /// The ``Counter`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.counter("server.requestCount", tags: ["status": "200"]).increment()
    /// ```
    @inlinable @inline(__always)
    public func counter(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> Counter {
        meter(named: name, tags: tags)
    }

    /// The ``Timer`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.timer("server.requestLatency").record(.milliseconds(42))
    /// ```
    @inlinable @inline(__always)
    public func timer(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> Timer {
        meter(named: name, tags: tags)
    }

    /// The ``DistributionSummary`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.distributionSummary("server.responseSize").record(1024)
    /// ```
    @inlinable @inline(__always)
    public func distributionSummary(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> DistributionSummary {
        meter(named: name, tags: tags)
    }

    /// The ``Gauge`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.gauge("server.inFlight").set(12)
    /// ```
    @inlinable @inline(__always)
    public func gauge(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> Gauge {
        meter(named: name, tags: tags)
    }

    /// The ``MaxGauge`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.maxGauge("worker.queueDepth").set(40)
    /// ```
    @inlinable @inline(__always)
    public func maxGauge(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> MaxGauge {
        meter(named: name, tags: tags)
    }

    /// The ``MonotonicCounter`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.monotonicCounter("net.bytesReceived").set(1_048_576)
    /// ```
    @inlinable @inline(__always)
    public func monotonicCounter(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> MonotonicCounter {
        meter(named: name, tags: tags)
    }

    /// The ``PercentileTimer`` named `name` with `tags`, created on first use.
    ///
    /// - Parameters:
    ///   - name: the meter's name.
    ///   - tags: the meter's tags.
    ///   - range: durations are clamped into it before bucketing (within SpectatorD's 1 ns … 24 h,
    ///     the default), so fewer distinct buckets are published.
    ///   - localPercentiles: keep the bucket counts of completed steps (4.4 KB more) to read
    ///     percentiles back in-process.
    ///
    /// Both apply when the timer is created; a timer that exists keeps its own.
    ///
    /// ```swift
    /// registry.percentileTimer("server.requestLatency").record(.milliseconds(42))
    /// let latency = registry.percentileTimer("api.latency", range: .milliseconds(10) ... .seconds(60))
    /// ```
    @inlinable @inline(__always)
    public func percentileTimer(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:],
        range: ClosedRange<Duration>? = nil,
        localPercentiles: Bool = false
    ) -> PercentileTimer {
        meter(named: name, tags: tags) { id, _ in
            PercentileTimer(id: id, range: range, localPercentiles: localPercentiles)
        }
    }

    /// The ``PercentileDistributionSummary`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.percentileDistributionSummary("server.responseSize").record(1024)
    /// ```
    ///
    /// `range` and `localPercentiles` work as for ``percentileTimer(_:tags:range:localPercentiles:)``;
    /// by default amounts are bucketed over all of `Int64`, as SpectatorD does.
    @inlinable @inline(__always)
    public func percentileDistributionSummary(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:],
        range: ClosedRange<Int64>? = nil,
        localPercentiles: Bool = false
    ) -> PercentileDistributionSummary {
        meter(named: name, tags: tags) { id, _ in
            PercentileDistributionSummary(id: id, range: range, localPercentiles: localPercentiles)
        }
    }

    /// The ``Gauge`` named `name` with `tags`, created on first use with a time to live: it stops
    /// reporting once it has not been set for `ttl` (at least ``Gauge/minimumTTL``). A gauge that
    /// already exists keeps the TTL it was created with.
    ///
    /// ```swift
    /// registry.gauge("worker.lastBatchSize", ttl: .seconds(60)).set(250)
    /// ```
    @inlinable @inline(__always)
    public func gauge(_ name: String, tags: KeyValuePairs<String, String> = [:], ttl: Duration) -> Gauge {
        meter(named: name, tags: tags) { Gauge(id: $0, ttl: ttl, clock: $1) }
    }

    /// The ``AgeGauge`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.ageGauge("sync.timeSinceLastSuccess").setNow()
    /// ```
    @inlinable @inline(__always)
    public func ageGauge(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> AgeGauge {
        meter(named: name, tags: tags)
    }

    /// The ``MonotonicCounterUInt64`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.monotonicCounterUInt64("net.bytesSent").set(txBytes)
    /// ```
    @inlinable @inline(__always)
    public func monotonicCounterUInt64(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:]
    ) -> MonotonicCounterUInt64 {
        meter(named: name, tags: tags)
    }

    /// The ``LongTaskTimer`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// let task = registry.longTaskTimer("db.migration").start()
    /// ```
    @inlinable @inline(__always)
    public func longTaskTimer(_ name: String, tags: KeyValuePairs<String, String> = [:]) -> LongTaskTimer {
        meter(named: name, tags: tags)
    }

    /// The ``DistinctCountSketch`` named `name` with `tags`, created on first use.
    ///
    /// ```swift
    /// registry.distinctCountSketch("server.distinctUsers").record(userId)
    /// ```
    @inlinable @inline(__always)
    public func distinctCountSketch(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:]
    ) -> DistinctCountSketch {
        meter(named: name, tags: tags)
    }

    /// A gauge named `name` with `tags` whose value is sampled at each collection: `value(object)`,
    /// called on the collecting thread while `object` lives. The registry holds `object` weakly; once
    /// it is gone the gauge stops publishing and is removed. If the id is registered already, that
    /// meter is returned and `value` is not used. See ``PolledMeter``.
    ///
    /// ```swift
    /// registry.polledGauge("db.pool.size", of: pool) { Double($0.count) }
    /// ```
    @discardableResult
    public func polledGauge<Object: AnyObject & Sendable>(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:],
        of object: Object,
        _ value: @escaping @Sendable (Object) -> Double
    ) -> PolledMeter {
        meter(named: name, tags: tags) { id, _ in
            PolledMeter(id: id, reading: .gauge) { [weak object] in object.map(value) }
        }
    }

    /// A monotonic counter named `name` with `tags` whose cumulative value is sampled at each
    /// collection: `value(object)`, called on the collecting thread while `object` lives; each step
    /// publishes its growth as `count`. The registry holds `object` weakly; once it is gone the
    /// counter stops publishing and is removed. See ``PolledMeter``.
    ///
    /// ```swift
    /// registry.polledMonotonicCounter("net.bytesSent", of: connection) { Double($0.bytesSent) }
    /// ```
    @discardableResult
    public func polledMonotonicCounter<Object: AnyObject & Sendable>(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:],
        of object: Object,
        _ value: @escaping @Sendable (Object) -> Double
    ) -> PolledMeter {
        meter(named: name, tags: tags) { id, _ in
            PolledMeter(id: id, reading: .monotonicCounter) { [weak object] in object.map(value) }
        }
    }

    // MARK: - Meters by id

    /// The ``Counter`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func counter(_ id: MeterId) -> Counter {
        meter(withId: id)
    }

    /// The ``Timer`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func timer(_ id: MeterId) -> Timer {
        meter(withId: id)
    }

    /// The ``DistributionSummary`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func distributionSummary(_ id: MeterId) -> DistributionSummary {
        meter(withId: id)
    }

    /// The ``Gauge`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func gauge(_ id: MeterId) -> Gauge {
        meter(withId: id)
    }

    /// The ``MaxGauge`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func maxGauge(_ id: MeterId) -> MaxGauge {
        meter(withId: id)
    }

    /// The ``MonotonicCounter`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func monotonicCounter(_ id: MeterId) -> MonotonicCounter {
        meter(withId: id)
    }

    /// The ``PercentileTimer`` with `id`, created on first use (see
    /// ``percentileTimer(_:tags:range:localPercentiles:)``).
    @inlinable @inline(__always)
    public func percentileTimer(
        _ id: MeterId,
        range: ClosedRange<Duration>? = nil,
        localPercentiles: Bool = false
    ) -> PercentileTimer {
        meter(withId: id) { id, _ in PercentileTimer(id: id, range: range, localPercentiles: localPercentiles) }
    }

    /// The ``PercentileDistributionSummary`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func percentileDistributionSummary(
        _ id: MeterId,
        range: ClosedRange<Int64>? = nil,
        localPercentiles: Bool = false
    ) -> PercentileDistributionSummary {
        meter(withId: id) { id, _ in
            PercentileDistributionSummary(id: id, range: range, localPercentiles: localPercentiles)
        }
    }

    /// The ``Gauge`` with `id`, created on first use with a time to live (see ``gauge(_:tags:ttl:)``).
    @inlinable @inline(__always)
    public func gauge(_ id: MeterId, ttl: Duration) -> Gauge {
        meter(withId: id) { Gauge(id: $0, ttl: ttl, clock: $1) }
    }

    /// The ``AgeGauge`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func ageGauge(_ id: MeterId) -> AgeGauge {
        meter(withId: id)
    }

    /// The ``MonotonicCounterUInt64`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func monotonicCounterUInt64(_ id: MeterId) -> MonotonicCounterUInt64 {
        meter(withId: id)
    }

    /// The ``LongTaskTimer`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func longTaskTimer(_ id: MeterId) -> LongTaskTimer {
        meter(withId: id)
    }

    /// The ``DistinctCountSketch`` with `id`, created on first use.
    @inlinable @inline(__always)
    public func distinctCountSketch(_ id: MeterId) -> DistinctCountSketch {
        meter(withId: id)
    }
}
