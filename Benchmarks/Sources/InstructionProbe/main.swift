// Runs one hot path `count` times, for `valgrind --tool=callgrind` to count its instructions.
// `scripts/check-instructions.sh` runs each path at its two counts and divides the difference by the
// extra operations, so start-up and set-up cancel out. `InstructionProbe list` prints the paths.
import CoreMetrics
import Prometheus
import Spectator
import SpectatorMetrics
import Synchronization

/// The raw floor: a relaxed atomic add on a class field.
final class RawCell: Sendable {
    let value = Atomic<UInt64>(0)
}

/// Durations spread over 20 powers of two (1 µs … 0.5 s), as the benchmark suite records them.
let spreadNanoseconds: [Int64] = (0..<4096).map { Int64(1_000) << Int64($0 % 20) + Int64($0 * 7919 % 1000) }

/// Values for the distinct-count sketch: 4 096 integers, 10-byte and 100-byte strings. Each path records
/// them all once before it measures, so that every record finds its register at its maximum. The
/// 10-byte strings are small strings (their bytes in the string itself), as `String(decoding:as:)`,
/// literals and `String(_:)` of a number make them; a concatenation or interpolation reserves heap
/// storage even for a few bytes.
let sketchIntegers: [Int64] = (0..<4096).map { Int64($0) &* 2_654_435_761 }
let sketchStrings10: [String] = (0..<4096).map { String(decoding: Array("user-\(10_000 + $0)".utf8), as: UTF8.self) }
let sketchStrings100: [String] = (0..<4096).map { String(repeating: "/", count: 94) + String(100_000 + $0) }

/// One path: who it measures, its two counts, how many operations one count is, and the loop.
struct Path {
    enum Owner: String {
        case ours, peer
    }

    let name: String
    let owner: Owner
    let counts: (small: Int, large: Int)
    /// Operations per count: 10 000 for a step of 10 000 series.
    let unit: Int
    let run: (Int) -> Void

    init(_ name: String, _ owner: Owner = .ours, counts: (Int, Int) = (1_000_000, 2_000_000), unit: Int = 1,
         _ run: @escaping (Int) -> Void) {
        self.name = name
        self.owner = owner
        self.counts = counts
        self.unit = unit
        self.run = run
    }
}

let lookupCounts = (100_000, 200_000)

/// The length of the first tag's value: reads the literal, so that it is built.
@inline(__always)
func firstValueLength(_ tags: KeyValuePairs<String, String>) -> Int {
    tags[0].value.utf8.count
}

/// The peer's name for the counters it makes.
let requestsDescriptor = MetricNameDescriptor(metricName: "server_requests", unitName: "", helpText: "requests")

let paths: [Path] = [
    Path("RawAtomicFloor") { count in
        let cell = RawCell()
        for _ in 0..<count { cell.value.wrappingAdd(1, ordering: .relaxed) }
    },
    Path("CounterIncrementHeld") { count in
        let counter = Registry().counter("requests")
        for _ in 0..<count { counter.increment() }
    },
    // A counter already spread over stripes (a fractional increment stripes it at once, as two threads
    // hammering it do, but deterministically): one thread's adds, each to its own stripe.
    Path("CounterIncrementStriped") { count in
        let counter = Registry().counter("requests")
        counter.increment(by: 0.5)
        for _ in 0..<count { counter.increment() }
    },
    // A fractional increment: a compare-and-swap on the double kept beside the stripes.
    Path("CounterIncrementFraction") { count in
        let counter = Registry().counter("bytes")
        for _ in 0..<count { counter.increment(by: 0.5) }
    },
    Path("RegistryLookupExisting3TagsIncrement", counts: lookupCounts) { count in
        let registry = Registry()
        let status = String(200 + Int.random(in: 0..<1))
        for _ in 0..<count {
            registry.counter("server.requestCount", tags: ["status": status, "method": "GET", "endpoint": "users"])
                .increment()
        }
    },
    // The floor under a lookup with a `tags:` literal holding a run-time value: building the
    // literal's array and destroying it (the Swift runtime's generic tuple destroy), one value read.
    Path("TagsLiteralRuntimeValueFloor", counts: lookupCounts) { count in
        let status = String(200 + Int.random(in: 0..<1))
        var total = 0
        for _ in 0..<count { total &+= firstValueLength(["status": status, "method": "GET", "endpoint": "users"]) }
        RawCell().value.store(UInt64(total), ordering: .relaxed)
    },
    Path("RegistryLookupRuntimeTagIncrement", counts: lookupCounts) { count in
        let registry = Registry()
        let codes = [200, 201, 404, 500]
        for index in 0..<count {
            registry.counter("server.requestCount", tags: ["status": String(codes[index & 3]), "method": "GET"])
                .increment()
        }
    },
    Path("RegistryLookupConstant3TagsIncrement", counts: lookupCounts) { count in
        let registry = Registry()
        for _ in 0..<count {
            registry.counter("server.requestCount", tags: ["status": "200", "method": "GET", "endpoint": "users"])
                .increment()
        }
    },
    Path("RegistryLookupTagPairs3Increment", counts: lookupCounts) { count in
        let registry = Registry()
        let tags: [(key: String, value: String)] = [
            ("status", String(200 + Int.random(in: 0..<1))), ("method", "GET"), ("endpoint", "users"),
        ]
        for _ in 0..<count { registry.counter("server.requestCount", tagPairs: tags).increment() }
    },
    // The spelling most people write: unlabeled pairs built at run time.
    Path("RegistryLookupUnlabeledPairs3Increment", counts: lookupCounts) { count in
        let registry = Registry()
        let tags: [(String, String)] = [
            ("status", String(200 + Int.random(in: 0..<1))), ("method", "GET"), ("endpoint", "users"),
        ]
        for _ in 0..<count { registry.counter("server.requestCount", tagPairs: tags).increment() }
    },
    Path("MeterProviderWithValues3Increment", counts: lookupCounts) { count in
        let requests = Registry().counters("server.requestCount", tagKeys: ["status", "method", "endpoint"])
        let status = String(200 + Int.random(in: 0..<1))
        for _ in 0..<count { requests.withValues(status, "GET", "users").increment() }
    },
    Path("MeterProviderRuntimeValueIncrement", counts: lookupCounts) { count in
        let requests = Registry().counters("server.requestCount", tagKeys: ["status", "method"])
        let codes = [200, 201, 404, 500]
        for index in 0..<count { requests.withValues(String(codes[index & 3]), "GET").increment() }
    },
    Path("TimerRecord") { count in
        let timer = Registry().timer("latency")
        for index in 0..<count { timer.record(nanoseconds: spreadNanoseconds[index & 4095]) }
    },
    Path("DistributionSummaryRecord") { count in
        let summary = Registry().distributionSummary("size")
        for index in 0..<count { summary.record(index & 65_535) }
    },
    Path("PercentileTimerRecord") { count in
        let timer = Registry().percentileTimer("latency")
        for index in 0..<count { timer.record(nanoseconds: spreadNanoseconds[index & 4095]) }
    },
    Path("PercentileDistributionSummaryRecord") { count in
        let summary = Registry().percentileDistributionSummary("size")
        for index in 0..<count { summary.record(Int(spreadNanoseconds[index & 4095])) }
    },
    Path("GaugeSet") { count in
        let gauge = Registry().gauge("level")
        for index in 0..<count { gauge.set(Double(index & 1023)) }
    },
    Path("GaugeWithTTLSet") { count in
        let gauge = Registry().gauge("level", ttl: .seconds(60))
        for index in 0..<count { gauge.set(Double(index & 1023)) }
    },
    Path("MaxGaugeSet") { count in
        let gauge = Registry().maxGauge("peak")
        for index in 0..<count { gauge.set(Double(index & 1023)) }
    },
    Path("AgeGaugeSetNow") { count in
        let gauge = Registry().ageGauge("sinceSuccess")
        for _ in 0..<count { gauge.setNow() }
    },
    Path("MonotonicCounterUInt64Set") { count in
        let counter = Registry().monotonicCounterUInt64("bytes")
        for index in 0..<count { counter.set(UInt64(index)) }
    },
    Path("DistinctCountSketchRecordInt64") { count in
        let sketch = Registry().distinctCountSketch("ids")
        let values = sketchIntegers
        for value in values { sketch.record(value) }
        for index in 0..<count { sketch.record(values[index & 4095]) }
    },
    Path("DistinctCountSketchRecordString10") { count in
        let sketch = Registry().distinctCountSketch("users")
        sketchStrings10.withUnsafeBufferPointer { values in
            for value in values { sketch.record(value) }
            // Borrowed from the buffer: the string is not retained around each call.
            for index in 0..<count { sketch.record(values[index & 4095]) }
        }
    },
    Path("DistinctCountSketchRecordString100") { count in
        let sketch = Registry().distinctCountSketch("paths")
        sketchStrings100.withUnsafeBufferPointer { values in
            for value in values { sketch.record(value) }
            // Borrowed from the buffer: the string is not retained around each call.
            for index in 0..<count { sketch.record(values[index & 4095]) }
        }
    },
    // A cardinality limiter's check of a value it already let through: a hash and a lookup, no lock.
    Path("FirstLimiterAdmitted") { count in
        let limiter = CardinalityLimiters.first(25)
        // The value alone in the limiter: the probe finds it in its home slot in every process, whatever
        // the hash seed.
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        _ = limiter.limit(endpoint)
        var total = 0
        for _ in 0..<count { total &+= limiter.limit(endpoint).utf8.count }
        RawCell().value.store(UInt64(total), ordering: .relaxed)
    },
    Path("RollupLimiterAdmitted") { count in
        let limiter = CardinalityLimiters.rollup(25)
        // The value alone in the limiter: the probe finds it in its home slot in every process, whatever
        // the hash seed.
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        _ = limiter.limit(endpoint)
        var total = 0
        for _ in 0..<count { total &+= limiter.limit(endpoint).utf8.count }
        RawCell().value.store(UInt64(total), ordering: .relaxed)
    },
    // A served call on a series seen before: started with an endpoint and a method, finished with a
    // status code (the owner given once); the in-flight summary and the call's percentile timer.
    Path("IpcServerCallStartFinish", counts: lookupCounts) { count in
        let ipc = IpcMetrics(registry: Registry(), owner: "orders")
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        ipc.startServerCall(endpoint: endpoint, httpMethod: "GET").finish(httpStatus: 200)
        for _ in 0..<count { ipc.startServerCall(endpoint: endpoint, httpMethod: "GET").finish(httpStatus: 200) }
    },
    // What a request costs Vapor's swift-metrics recording today, through SpectatorMetrics: a
    // `Counter(label:dimensions:)` incremented and a `Timer(label:dimensions:)` recorded per request.
    Path("SwiftMetricsVaporRequest", counts: lookupCounts) { count in
        let factory = SpectatorMetricsFactory(registry: Registry())
        let path = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        for _ in 0..<count {
            let dimensions = [("method", "GET"), ("path", path), ("status", "200")]
            CoreMetrics.Counter(label: "http_requests_total", dimensions: dimensions, factory: factory).increment()
            CoreMetrics.Timer(
                label: "http_request_duration_seconds",
                dimensions: dimensions,
                preferredDisplayUnit: .seconds,
                factory: factory
            ).recordNanoseconds(42_000_000)
        }
    },
    Path("LongTaskTimerStartStop") { count in
        let timer = Registry().longTaskTimer("jobs")
        for _ in 0..<count { timer.stop(timer.start()) }
    },
    Path("SwiftMetricsCounterIncrement") { count in
        let counter = CoreMetrics.Counter(label: "requests", factory: SpectatorMetricsFactory(registry: Registry()))
        for _ in 0..<count { counter.increment() }
    },
    Path("SwiftMetricsTimerRecord") { count in
        let timer = CoreMetrics.Timer(label: "latency", factory: SpectatorMetricsFactory(registry: Registry()))
        for index in 0..<count { timer.recordNanoseconds(spreadNanoseconds[index & 4095]) }
    },
    Path("SwiftMetricsCounterCreateExisting", counts: lookupCounts) { count in
        let factory = SpectatorMetricsFactory(registry: Registry())
        for _ in 0..<count {
            CoreMetrics.Counter(
                label: "server.requests",
                dimensions: [("status", "200"), ("method", "GET"), ("endpoint", "users")],
                factory: factory
            ).increment()
        }
    },
    // As Hummingbird and Vapor make their counters: through the factory `MetricsSystem.bootstrap` set,
    // no `factory:` argument (the probe runs one path per process, so each may bootstrap).
    Path("SwiftMetricsCounterCreateExistingBootstrapped", counts: lookupCounts) { count in
        MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: Registry()))
        for _ in 0..<count {
            CoreMetrics.Counter(
                label: "server.requests",
                dimensions: [("status", "200"), ("method", "GET"), ("endpoint", "users")]
            ).increment()
        }
    },
    // Per counter and step: each of 1 000 counters incremented once, then one step published to
    // /dev/null (collect, encode as line protocol, write). (1 000, not more: the peer's exposition
    // below creates its series in quadratic time, minutes under callgrind at 10 000.) 10 and 50
    // steps: the setup's runtime caches cost a few hundred thousand instructions more or less from
    // one process to the next, which 4 and 8 steps left at ±5 % of a step's cost per counter.
    Path("PublishOneStepPerCounter", counts: (10, 50), unit: 1_000) { count in
        var configuration = SpectatorConfiguration(
            environment: ["SPECTATOR_OUTPUT_LOCATION": "file:///dev/null"],
            log: .discard
        )
        configuration.maxMeters = 1_010
        let registry = Registry(configuration: configuration)
        let counters = (0..<1_000).map {
            registry.counter("server.requestCount", tags: ["index": String($0), "status": "200"])
        }
        let publisher = Publisher(registry: registry, configuration: configuration)
        for _ in 0..<count {
            for counter in counters { counter.increment() }
            publisher.flush()
        }
    },
    // One step of the process metrics alone: every source read once, 16 meters collected, encoded and
    // written to /dev/null.
    Path("ProcessMetricsStep", counts: (100, 200)) { count in
        let configuration = SpectatorConfiguration(
            environment: ["SPECTATOR_OUTPUT_LOCATION": "file:///dev/null", "SPECTATOR_PROCESS_METRICS": "true"],
            log: .discard
        )
        let publisher = Publisher(registry: Registry(configuration: configuration), configuration: configuration)
        for _ in 0..<count { publisher.flush() }
    },
    Path("PrometheusCounterIncrement", .peer) { count in
        let counter = PrometheusCollectorRegistry().makeCounter(descriptor: requestsDescriptor)
        for _ in 0..<count { counter.increment() }
    },
    Path("PrometheusMakeCounterExisting3LabelsIncrement", .peer, counts: lookupCounts) { count in
        let registry = PrometheusCollectorRegistry()
        for _ in 0..<count {
            registry.makeCounter(
                descriptor: requestsDescriptor,
                labels: [("status", "200"), ("method", "GET"), ("endpoint", "users")]
            ).increment()
        }
    },
    // The held swift-metrics counter of SwiftMetricsCounterIncrement, through swift-prometheus' factory.
    Path("PrometheusSwiftMetricsCounterIncrement", .peer) { count in
        let counter = CoreMetrics.Counter(
            label: "requests",
            factory: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        )
        for _ in 0..<count { counter.increment() }
    },
    // Per series and exposition: each of 1 000 counters incremented once, then `emit`, as above.
    Path("PrometheusEmitPerCounter", .peer, counts: (10, 50), unit: 1_000) { count in
        let registry = PrometheusCollectorRegistry()
        let counters = (0..<1_000).map {
            registry.makeCounter(descriptor: requestsDescriptor, labels: [("index", String($0)), ("status", "200")])
        }
        var buffer: [UInt8] = []
        for _ in 0..<count {
            for counter in counters { counter.increment() }
            buffer.removeAll(keepingCapacity: true)
            registry.emit(into: &buffer)
        }
    },
]

@inline(never)
func measure(_ path: Path, count: Int) {
    path.run(count)
}

let arguments = CommandLine.arguments
if arguments.count == 2 && arguments[1] == "list" {
    for path in paths {
        print(path.name, path.owner.rawValue, path.counts.small, path.counts.large, path.unit)
    }
} else if arguments.count == 3, let path = paths.first(where: { $0.name == arguments[1] }), let count = Int(arguments[2]) {
    measure(path, count: count)
} else {
    print("usage: InstructionProbe list | InstructionProbe <path> <count>")
}
