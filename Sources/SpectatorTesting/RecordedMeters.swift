public import Spectator

/// What a service's code recorded into a registry, read back by name and tags in the service's own
/// tests: a counter's total, a timer's or summary's count, total and maximum, a gauge's last value,
/// a percentile meter's percentiles, a distinct-count sketch's registers and estimate. Meters created through swift-metrics (`SpectatorMetricsFactory`)
/// are read the same way.
///
/// Each read collects the registry and adds the step to what was read before, so values add up
/// across reads; don't run a `Publisher` on the same registry, which would take steps away. A
/// meter that was not found throws ``MeterNotRecorded``, whose message lists the near misses, and so
/// fails the test in Swift Testing (`#expect(try …)`) and in XCTest (`XCTAssertEqual(try …, …)`).
///
/// ```swift
/// let registry = Registry()
/// let recorded = RecordedMeters(registry)
/// registry.counter("server.requestCount", tags: ["status": "500"]).increment()
/// registry.timer("server.requestLatency").record(.milliseconds(40))
///
/// #expect(try recorded.counter("server.requestCount", tags: ["status": "500"]).count == 1)
/// #expect(try recorded.timer("server.requestLatency").max == .milliseconds(40))
/// ```
public final class RecordedMeters: Sendable {
    /// The registry read.
    public let registry: Registry
    private let meters = Locked<[MeterId: MeterReading]>([:])

    /// Reads what is recorded into `registry` from now on; what it recorded before is left out.
    public init(_ registry: Registry) {
        self.registry = registry
        _ = registry.collect()
    }

    /// The counter (or monotonic counter) `name` with `tags`: its ``RecordedCounter/count`` so far.
    public func counter(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:]
    ) throws(MeterNotRecorded) -> RecordedCounter {
        let meter = try find(.counter, name, tags)
        return RecordedCounter(count: meter.sum(.count))
    }

    /// The timer or percentile timer `name` with `tags`.
    public func timer(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:]
    ) throws(MeterNotRecorded) -> RecordedTimer {
        let meter = try find(.timer, name, tags)
        return RecordedTimer(
            count: Int(meter.sum(.count)),
            totalTime: .seconds(meter.sum(.totalTime)),
            max: .seconds(meter.max ?? 0),
            bucketCounts: meter.bucketCounts
        )
    }

    /// The distribution summary or percentile distribution summary `name` with `tags`.
    public func distributionSummary(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:]
    ) throws(MeterNotRecorded) -> RecordedDistributionSummary {
        let meter = try find(.distributionSummary, name, tags)
        return RecordedDistributionSummary(
            count: Int(meter.sum(.count)),
            totalAmount: meter.sum(.totalAmount),
            max: meter.max ?? 0,
            bucketCounts: meter.bucketCounts
        )
    }

    /// The gauge (or age, polled or max gauge) `name` with `tags`: its last value.
    public func gauge(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:]
    ) throws(MeterNotRecorded) -> RecordedGauge {
        let meter = try find(.gauge, name, tags)
        return RecordedGauge(value: meter.lastValue ?? meter.max ?? 0)
    }

    /// The distinct-count sketch `name` with `tags`: each register's largest rank over the steps read
    /// (the registers merged as Atlas merges them) and the estimate they give.
    ///
    /// ```swift
    /// #expect(try recorded.distinctCountSketch("server.distinctUsers").cardinality > 90)
    /// ```
    public func distinctCountSketch(
        _ name: String,
        tags: KeyValuePairs<String, String> = [:]
    ) throws(MeterNotRecorded) -> RecordedDistinctCountSketch {
        let meter = try find(.distinctCountSketch, name, tags)
        return RecordedDistinctCountSketch(registers: meter.registers)
    }

    /// How many times each series of the counter, timer or distribution summary `name` was recorded,
    /// by its tags written `key=value` in key order, joined by commas: the exact set of series a test
    /// can compare with what it expects.
    ///
    /// ```swift
    /// #expect(recorded.counts("ipc.server.call")["http.method=get,http.status=200,…,owner=orders"] == 3)
    /// ```
    ///
    /// - Parameter name: the meter's name.
    /// - Returns: the count of each series of that name; empty when none was recorded.
    public func counts(_ name: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (id, meter) in readAll() where id.name == name && Self.counted.contains(meter.type) {
            counts[id.tags.map(\.description).joined(separator: ","), default: 0] += Int(meter.sum(.count))
        }
        return counts
    }

    private static let counted: Set<MeterReading.MeterType> = [.counter, .timer, .distributionSummary]

    /// Forgets everything read so far, and what the registry recorded since the last read.
    public func reset() {
        _ = registry.collect()
        meters.withLock { $0.removeAll() }
    }

    /// Every meter read so far, the registry's newest step added.
    func readAll() -> [MeterId: MeterReading] {
        meters.withLock { meters in
            read(into: &meters)
            return meters
        }
    }

    private func read(into meters: inout [MeterId: MeterReading]) {
        for measurement in registry.collect() {
            meters[measurement.id, default: MeterReading()].add(measurement)
        }
    }

    private func find(
        _ type: MeterReading.MeterType,
        _ name: String,
        _ tags: KeyValuePairs<String, String>
    ) throws(MeterNotRecorded)
        -> MeterReading
    {
        let id = MeterId(name, tags: tags)
        let found: MeterReading?? = meters.withLock { meters in
            read(into: &meters)
            guard let meter = meters[id] else { return .none }
            return .some(meter.type == type ? meter : nil)
        }
        if case .some(.some(let meter)) = found { return meter }
        throw MeterNotRecorded(type: type, id: id, recorded: meters.withLock { $0 })
    }
}
