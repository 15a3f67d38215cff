import Benchmark
import CoreMetrics
import Dispatch
import Foundation
import Prometheus
import Spectator
import SpectatorMetrics
import Synchronization

/// The raw floor: one relaxed atomic add on a class field, what every recording is compared with.
final class RawCell: Sendable {
    let value = Atomic<UInt64>(0)
}

/// The length of the first tag's value: reads the literal, so that it is built.
@inline(__always)
func firstValueLength(_ tags: KeyValuePairs<String, String>) -> Int {
    tags[0].value.utf8.count
}

/// Durations spread over many percentile buckets (1 µs … ~1 s), generated once.
let spreadNanoseconds: [Int64] = (0..<4096).map { Int64(1_000) << Int64($0 % 20) + Int64($0 * 7919 % 1000) }

/// Values for the distinct-count sketch: 4 096 integers, 10-byte and 100-byte strings. Each path records
/// them all once before it measures, so that every record finds its register at its maximum. The
/// 10-byte strings are small strings (their bytes in the string itself), as `String(decoding:as:)`,
/// literals and `String(_:)` of a number make them; a concatenation or interpolation reserves heap
/// storage even for a few bytes.
let sketchIntegers: [Int64] = (0..<4096).map { Int64($0) &* 2_654_435_761 }
let sketchStrings10: [String] = (0..<4096).map { String(decoding: Array("user-\(10_000 + $0)".utf8), as: UTF8.self) }
let sketchStrings100: [String] = (0..<4096).map { String(repeating: "/", count: 94) + String(100_000 + $0) }

/// Hot-path benchmarks: recording into held meters and looking up existing ones. In CI only their
/// allocations are measured, and the thresholds in Thresholds/ require none. Each creates its meter
/// first and starts measuring after, so only the loop counts.
/// (Their names are single words: `thresholds update` writes `<target>.<name>.p90.json` with spaces
/// turned into `_`, while `thresholds check` looks for the name as it is, so a name with a space or a
/// dot is never checked.)
let hotPath: [(name: String, body: @Sendable (Benchmark) -> Void)] = [
    ("RawAtomicFloor", { benchmark in
        let cell = RawCell()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { cell.value.wrappingAdd(1, ordering: .relaxed) }
    }),
    ("CounterIncrementHeld", { benchmark in
        let counter = Registry().counter("requests")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { counter.increment() }
    }),
    ("CounterIncrementStriped", { benchmark in
        // Spread over stripes first (a fraction stripes it at once), then one thread's adds.
        let counter = Registry().counter("requests")
        counter.increment(by: 0.5)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { counter.increment() }
    }),
    ("CounterIncrementFraction", { benchmark in
        let counter = Registry().counter("bytes")
        counter.increment(by: 0.5)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { counter.increment(by: 0.5) }
    }),
    ("RegistryLookupExisting3TagsIncrement", { benchmark in
        let registry = Registry()
        let status = String(200 + Int.random(in: 0..<1))
        registry.counter("server.requestCount", tags: ["status": status, "method": "GET", "endpoint": "users"]).increment()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            registry.counter("server.requestCount", tags: ["status": status, "method": "GET", "endpoint": "users"]).increment()
        }
    }),
    ("TagsLiteralRuntimeValueFloor", { benchmark in
        // The floor under the lookup above: the `tags:` literal built and destroyed, one value read.
        let status = String(200 + Int.random(in: 0..<1))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(firstValueLength(["status": status, "method": "GET", "endpoint": "users"]))
        }
    }),
    ("RegistryLookupRuntimeTagIncrement", { benchmark in
        // The tag value computed on every call, as a service does with a status code.
        let registry = Registry()
        let codes = [200, 201, 404, 500]
        for code in codes {
            registry.counter("server.requestCount", tags: ["status": String(code), "method": "GET"]).increment()
        }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            registry.counter("server.requestCount", tags: ["status": String(codes[index & 3]), "method": "GET"]).increment()
        }
    }),
    ("RegistryLookupTagPairs3Increment", { benchmark in
        // Tags held in a collection built at run time, one value computed.
        let registry = Registry()
        let tags: [(key: String, value: String)] = [
            ("status", String(200 + Int.random(in: 0..<1))), ("method", "GET"), ("endpoint", "users"),
        ]
        registry.counter("server.requestCount", tagPairs: tags).increment()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { registry.counter("server.requestCount", tagPairs: tags).increment() }
    }),
    ("RegistryLookupUnlabeledPairs3Increment", { benchmark in
        // Unlabeled pairs built at run time, the spelling most code writes: read in place.
        let registry = Registry()
        let tags: [(String, String)] = [
            ("status", String(200 + Int.random(in: 0..<1))), ("method", "GET"), ("endpoint", "users"),
        ]
        registry.counter("server.requestCount", tagPairs: tags).increment()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { registry.counter("server.requestCount", tagPairs: tags).increment() }
    }),
    ("MeterProviderWithValues3Increment", { benchmark in
        // The name and keys given once; three values per call, one computed.
        let requests = Registry().counters("server.requestCount", tagKeys: ["status", "method", "endpoint"])
        let status = String(200 + Int.random(in: 0..<1))
        requests.withValues(status, "GET", "users").increment()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { requests.withValues(status, "GET", "users").increment() }
    }),
    ("TimerRecord", { benchmark in
        let timer = Registry().timer("latency")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { timer.record(nanoseconds: spreadNanoseconds[index & 4095]) }
    }),
    ("DistributionSummaryRecord", { benchmark in
        let summary = Registry().distributionSummary("size")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { summary.record(index & 65_535) }
    }),
    ("PercentileTimerRecord", { benchmark in
        let timer = Registry().percentileTimer("latency")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { timer.record(nanoseconds: spreadNanoseconds[index & 4095]) }
    }),
    ("PercentileDistributionSummaryRecord", { benchmark in
        let summary = Registry().percentileDistributionSummary("size")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { summary.record(Int(spreadNanoseconds[index & 4095])) }
    }),
    ("GaugeSet", { benchmark in
        let gauge = Registry().gauge("level")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { gauge.set(Double(index & 1023)) }
    }),
    ("SwiftMetricsCounterIncrement", { benchmark in
        let counter = CoreMetrics.Counter(label: "requests", factory: SpectatorMetricsFactory(registry: Registry()))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { counter.increment() }
    }),
    ("SwiftMetricsTimerRecord", { benchmark in
        let timer = CoreMetrics.Timer(label: "latency", factory: SpectatorMetricsFactory(registry: Registry()))
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { timer.recordNanoseconds(spreadNanoseconds[index & 4095]) }
    }),
    ("GaugeWithTTLSet", { benchmark in
        let gauge = Registry().gauge("level", ttl: .seconds(60))
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { gauge.set(Double(index & 1023)) }
    }),
    ("AgeGaugeSetNow", { benchmark in
        let gauge = Registry().ageGauge("sinceSuccess")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { gauge.setNow() }
    }),
    ("MonotonicCounterUInt64Set", { benchmark in
        let counter = Registry().monotonicCounterUInt64("bytes")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { counter.set(UInt64(index)) }
    }),
    ("LongTaskTimerStartStop", { benchmark in
        let timer = Registry().longTaskTimer("jobs")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { timer.stop(timer.start()) }
    }),
    ("FirstLimiterAdmitted", { benchmark in
        // A cardinality limiter's check of a value it already let through.
        let limiter = CardinalityLimiters.first(25)
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        _ = limiter.limit(endpoint)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(limiter.limit(endpoint)) }
    }),
    ("RollupLimiterAdmitted", { benchmark in
        let limiter = CardinalityLimiters.rollup(25)
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        _ = limiter.limit(endpoint)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(limiter.limit(endpoint)) }
    }),
    ("IpcServerCallStartFinish", { benchmark in
        // A served call on a series seen before: start with an endpoint and a method, finish with a
        // status code.
        let ipc = IpcMetrics(registry: Registry(), owner: "orders")
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        ipc.startServerCall(endpoint: endpoint, httpMethod: "GET").finish(httpStatus: 200)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            ipc.startServerCall(endpoint: endpoint, httpMethod: "GET").finish(httpStatus: 200)
        }
    }),
    ("MaxGaugeSet", { benchmark in
        let gauge = Registry().maxGauge("peak")
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { gauge.set(Double(index & 1023)) }
    }),
    ("DistinctCountSketchRecordInt64", { benchmark in
        let sketch = Registry().distinctCountSketch("ids")
        let values = sketchIntegers
        for value in values { sketch.record(value) }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { sketch.record(values[index & 4095]) }
    }),
    ("DistinctCountSketchRecordString10", { benchmark in
        let sketch = Registry().distinctCountSketch("users")
        sketchStrings10.withUnsafeBufferPointer { values in
            for value in values { sketch.record(value) }
            benchmark.startMeasurement()
            for index in benchmark.scaledIterations { sketch.record(values[index & 4095]) }
        }
    }),
    ("DistinctCountSketchRecordString100", { benchmark in
        let sketch = Registry().distinctCountSketch("paths")
        sketchStrings100.withUnsafeBufferPointer { values in
            for value in values { sketch.record(value) }
            benchmark.startMeasurement()
            for index in benchmark.scaledIterations { sketch.record(values[index & 4095]) }
        }
    }),
]

/// Benchmarks reported for comparison, not gated on allocations.
let comparisons: [(name: String, body: @Sendable (Benchmark) -> Void)] = [
    ("Raw atomic, 2 threads on one cell", { benchmark in
        let cell = RawCell()
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for _ in 0..<iterations { cell.value.wrappingAdd(1, ordering: .relaxed) }
        }
    }),
    ("Counter increment, 2 threads on one counter", { benchmark in
        let counter = Registry().counter("requests")
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for _ in 0..<iterations { counter.increment() }
        }
    }),
    // The other meters with two threads recording into one (per thread, as above): each keeps its
    // statistics in atomics that both threads write.
    ("Timer record, 2 threads on one timer", { benchmark in
        let timer = Registry().timer("latency")
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for index in 0..<iterations { timer.record(nanoseconds: spreadNanoseconds[index & 4095]) }
        }
    }),
    ("DistributionSummary record, 2 threads on one summary", { benchmark in
        let summary = Registry().distributionSummary("size")
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for index in 0..<iterations { summary.record(index & 65_535) }
        }
    }),
    ("PercentileTimer record, 2 threads on one timer", { benchmark in
        let timer = Registry().percentileTimer("latency")
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for index in 0..<iterations { timer.record(nanoseconds: spreadNanoseconds[index & 4095]) }
        }
    }),
    ("MaxGauge set, 2 threads on one gauge", { benchmark in
        let gauge = Registry().maxGauge("peak")
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for index in 0..<iterations { gauge.set(Double(index & 1023)) }
        }
    }),
    ("DistinctCountSketch record Int64, 2 threads on one sketch", { benchmark in
        let sketch = Registry().distinctCountSketch("ids")
        let values = sketchIntegers
        for value in values { sketch.record(value) }
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for index in 0..<iterations { sketch.record(values[index & 4095]) }
        }
    }),
    // The hot paths of Common IPC metrics, two threads on one limiter and one series: a limiter's
    // admitted value is only read, a call's meters are the timer's shared statistics above.
    ("FirstLimiter admitted, 2 threads on one limiter", { benchmark in
        let limiter = CardinalityLimiters.first(25)
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        _ = limiter.limit(endpoint)
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for _ in 0..<iterations { blackHole(limiter.limit(endpoint)) }
        }
    }),
    ("IpcServerCall start + finish, 2 threads on one series", { benchmark in
        let ipc = IpcMetrics(registry: Registry(), owner: "orders")
        let endpoint = String(decoding: Array("/users/:id".utf8), as: UTF8.self)
        ipc.startServerCall(endpoint: endpoint, httpMethod: "GET").finish(httpStatus: 200)
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for _ in 0..<iterations { ipc.startServerCall(endpoint: endpoint, httpMethod: "GET").finish(httpStatus: 200) }
        }
    }),
    ("swift-prometheus Counter increment", { benchmark in
        let counter = PrometheusCollectorRegistry().makeCounter(descriptor: MetricNameDescriptor(metricName: "requests", unitName: "", helpText: "requests"))
        for _ in benchmark.scaledIterations { counter.increment() }
    }),
    ("swift-prometheus Counter increment, 2 threads", { benchmark in
        let counter = PrometheusCollectorRegistry().makeCounter(descriptor: MetricNameDescriptor(metricName: "requests", unitName: "", helpText: "requests"))
        let iterations = benchmark.scaledIterations.count
        onTwoThreads {
            for _ in 0..<iterations { counter.increment() }
        }
    }),
    ("swift-prometheus DurationHistogram record", { benchmark in
        let histogram = PrometheusCollectorRegistry().makeDurationHistogram(
            descriptor: MetricNameDescriptor(metricName: "latency", unitName: "", helpText: "latency"),
            buckets: [.microseconds(10), .microseconds(100), .milliseconds(1), .milliseconds(10), .milliseconds(100), .seconds(1)]
        )
        for index in benchmark.scaledIterations { histogram.recordNanoseconds(spreadNanoseconds[index & 4095]) }
    }),
    ("swift-prometheus makeCounter lookup, 3 labels, + increment", { benchmark in
        let registry = PrometheusCollectorRegistry()
        let requestsDescriptor = MetricNameDescriptor(metricName: "server_requests", unitName: "", helpText: "requests")
        for _ in benchmark.scaledIterations {
            registry.makeCounter(descriptor: requestsDescriptor, labels: [("status", "200"), ("method", "GET"), ("endpoint", "users")]).increment()
        }
    }),
    ("swift-metrics Counter(label:dimensions:) per op, Prometheus factory", { benchmark in
        let factory = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        for _ in benchmark.scaledIterations {
            CoreMetrics.Counter(
                label: "server_requests",
                dimensions: [("status", "200"), ("method", "GET"), ("endpoint", "users")],
                factory: factory
            ).increment()
        }
    }),
    ("swift-metrics Counter(label:dimensions:) per op, Spectator factory", { benchmark in
        let factory = SpectatorMetricsFactory(registry: Registry())
        for _ in benchmark.scaledIterations {
            CoreMetrics.Counter(
                label: "server.requests",
                dimensions: [("status", "200"), ("method", "GET"), ("endpoint", "users")],
                factory: factory
            ).increment()
        }
    }),
    ("swift-metrics Counter handle held, Prometheus factory", { benchmark in
        let counter = CoreMetrics.Counter(label: "requests", factory: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()))
        for _ in benchmark.scaledIterations { counter.increment() }
    }),
    ("swift-metrics Timer held, Prometheus factory", { benchmark in
        let timer = CoreMetrics.Timer(label: "latency", factory: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()))
        for index in benchmark.scaledIterations { timer.recordNanoseconds(spreadNanoseconds[index & 4095]) }
    }),
]

/// Bootstraps swift-metrics with a Spectator factory the first time it is read.
let bootstrapMetricsSystem: Void = MetricsSystem.bootstrap(SpectatorMetricsFactory(registry: Registry()))

let benchmarks: @Sendable () -> Void = {
    let inCI = ProcessInfo.processInfo.environment["CI"] != nil
    // Time metrics perturb malloc counts, and are too noisy on shared CI machines to gate on.
    Benchmark.defaultConfiguration.metrics =
        inCI ? [.mallocCountTotal] : [.wallClock, .throughput, .mallocCountTotal, .cpuTotal]
    Benchmark.defaultConfiguration.maxDuration = .seconds(inCI ? 1 : 3)
    Benchmark.defaultConfiguration.maxIterations = inCI ? 20 : 1_000_000
    // Thresholds/ holds the allowed mallocCountTotal at p90 (0 for every hot path, 1 for the handler
    // creation below); no tolerance on top.
    Benchmark.defaultConfiguration.thresholds = [.mallocCountTotal: .init(absolute: [.p90: 0])]

    for (name, body) in hotPath {
        Benchmark(name, configuration: .init(scalingFactor: .mega)) { benchmark in body(benchmark) }
    }
    // Creating a swift-metrics handler for a label and dimensions already registered, as Hummingbird
    // and Vapor do per request: the meter is found without building an id; one allocation per
    // creation in all (13 while the factory built an id each time).
    Benchmark(
        "SwiftMetricsCounterCreateExisting",
        // One creation per sample: the gate compares each sample's total with Thresholds/ (1).
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        let factory = SpectatorMetricsFactory(registry: Registry())
        let dimensions = [("status", "200"), ("method", "GET"), ("endpoint", "users")]
        CoreMetrics.Counter(label: "server.requests", dimensions: dimensions, factory: factory).increment()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let counter = CoreMetrics.Counter(label: "server.requests", dimensions: dimensions, factory: factory)
            counter.increment()
            // Kept, as a framework keeps it: the optimizer may not put it on the stack.
            blackHole(counter)
        }
    }
    // The same, as Hummingbird and Vapor call it: no `factory:`, so through `MetricsSystem.factory`
    // (bootstrapped here, once; the other benchmarks pass their factory). One allocation: the
    // swift-metrics `Counter`; the Spectator counter is its own handler.
    Benchmark(
        "SwiftMetricsCounterCreateExistingBootstrapped",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        bootstrapMetricsSystem
        let dimensions = [("status", "200"), ("method", "GET"), ("endpoint", "users")]
        CoreMetrics.Counter(label: "server.requests", dimensions: dimensions).increment()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let counter = CoreMetrics.Counter(label: "server.requests", dimensions: dimensions)
            counter.increment()
            blackHole(counter)
        }
    }
    guard !inCI else { return }
    for (name, body) in comparisons {
        let scale: BenchmarkScalingFactor = name.contains("per op") || name.contains("lookup") ? .kilo : .mega
        Benchmark(name, configuration: .init(scalingFactor: scale)) { benchmark in body(benchmark) }
    }

    registerPublishingBenchmarks()
}
