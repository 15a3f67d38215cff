import Benchmark
import Prometheus
import Spectator

/// Counters with distinct ids, `server.requestCount,index=<n>,status=200`, each recorded once.
func countersForPublishing(_ count: Int) -> (Registry, Publisher, [Spectator.Counter]) {
    var configuration = SpectatorConfiguration(
        environment: ["SPECTATOR_OUTPUT_LOCATION": "file:///dev/null"],
        log: .discard
    )
    configuration.maxMeters = count + 10
    let registry = Registry(configuration: configuration)
    let counters = (0..<count).map {
        registry.counter("server.requestCount", tags: ["index": String($0), "status": "200"])
    }
    return (registry, Publisher(registry: registry, configuration: configuration), counters)
}

/// swift-prometheus counters with the same labels.
func prometheusCounters(_ count: Int) -> (PrometheusCollectorRegistry, [Prometheus.Counter]) {
    let registry = PrometheusCollectorRegistry()
    let descriptor = MetricNameDescriptor(metricName: "server_requestCount", unitName: "", helpText: "requests")
    let counters = (0..<count).map {
        registry.makeCounter(descriptor: descriptor, labels: [("index", String($0)), ("status", "200")])
    }
    return (registry, counters)
}

/// Publishing, memory and creation, each beside swift-prometheus. Per-meter figures are custom
/// metrics (ns per meter, bytes per meter), so they read directly.
func registerPublishingBenchmarks() {
    let perMeter = Benchmark.Configuration(
        metrics: [.custom("ns per meter"), .wallClock],
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 20,
        thresholds: [:]
    )
    // One step through the publisher's real path: collect, encode as line protocol, write to /dev/null.
    for count in [1_000, 10_000, 100_000] {
        Benchmark("Publish one step, \(count) counters", configuration: perMeter) { benchmark in
            let (_, publisher, counters) = countersForPublishing(count)
            for _ in benchmark.scaledIterations {
                for counter in counters { counter.increment() }
                let elapsed = nanoseconds { publisher.flush() }
                benchmark.measurement(.custom("ns per meter"), elapsed / count)
            }
        }
    }
    // One step of the process metrics alone: every source read once (getrusage, getrlimit, mallinfo2,
    // /proc/self/fd, statm, stat, /proc/uptime), 16 meters collected, encoded and written to /dev/null.
    Benchmark(
        "Process metrics, one step",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], scalingFactor: .one, maxIterations: 1_000)
    ) { benchmark in
        let configuration = SpectatorConfiguration(
            environment: ["SPECTATOR_OUTPUT_LOCATION": "file:///dev/null", "SPECTATOR_PROCESS_METRICS": "true"],
            log: .discard
        )
        let publisher = Publisher(registry: Registry(configuration: configuration), configuration: configuration)
        publisher.flush()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { publisher.flush() }
    }
    // swift-prometheus' exposition of the same counters. Creating them is quadratic there (about
    // 2.5 s for 10 000), so this stays at 10 000.
    Benchmark("swift-prometheus emit, 10000 counters", configuration: perMeter) { benchmark in
        let (registry, counters) = prometheusCounters(10_000)
        var buffer: [UInt8] = []
        for _ in benchmark.scaledIterations {
            for counter in counters { counter.increment() }
            buffer.removeAll(keepingCapacity: true)
            let elapsed = nanoseconds { registry.emit(into: &buffer) }
            benchmark.measurement(.custom("ns per meter"), elapsed / 10_000)
        }
        blackHole(buffer)
    }

    let memory = Benchmark.Configuration(
        metrics: [.custom("heap bytes per meter"), .custom("resident bytes per meter")],
        scalingFactor: .one,
        maxIterations: 1,
        thresholds: [:]
    )
    func report(_ benchmark: Benchmark, _ bytes: (heap: Int, resident: Int)) {
        benchmark.measurement(.custom("heap bytes per meter"), bytes.heap)
        benchmark.measurement(.custom("resident bytes per meter"), bytes.resident)
    }
    Benchmark("Memory per counter, 100000 counters", configuration: memory) { benchmark in
        let registry = Registry(maxMeters: 100_010)
        report(benchmark, memoryPerItem(100_000) {
            registry.counter("server.requestCount", tags: ["index": String($0), "status": "200"])
        })
    }
    Benchmark("swift-prometheus memory per counter, 10000 counters", configuration: memory) { benchmark in
        let registry = PrometheusCollectorRegistry()
        let descriptor = MetricNameDescriptor(metricName: "server_requestCount", unitName: "", helpText: "requests")
        report(benchmark, memoryPerItem(10_000) {
            registry.makeCounter(descriptor: descriptor, labels: [("index", String($0)), ("status", "200")])
        })
    }
    Benchmark("Memory per percentile timer, 10000 timers", configuration: memory) { benchmark in
        let registry = Registry()
        report(benchmark, memoryPerItem(10_000) {
            registry.percentileTimer("server.requestLatency", tags: ["index": String($0), "endpoint": "users"])
        })
    }
    // A histogram with the percentile timer's resolution: the same 276 bucket boundaries.
    let boundaries = PercentileBuckets.values.map { Duration.nanoseconds($0) }
    Benchmark("swift-prometheus memory per 276-bucket histogram, 2000 histograms", configuration: memory) {
        benchmark in
        let registry = PrometheusCollectorRegistry()
        let descriptor = MetricNameDescriptor(metricName: "server_requestLatency", unitName: "", helpText: "latency")
        report(benchmark, memoryPerItem(2_000) {
            registry.makeDurationHistogram(
                descriptor: descriptor,
                labels: [("index", String($0)), ("endpoint", "users")],
                buckets: boundaries
            )
        })
    }

    let creation = Benchmark.Configuration(metrics: [.wallClock], scalingFactor: .one, maxIterations: 3, thresholds: [:])
    Benchmark("Create 100000 counters", configuration: creation) { _ in
        blackHole(countersForPublishing(100_000))
    }
    for count in [5_000, 10_000, 20_000] {
        Benchmark("swift-prometheus create \(count) counters", configuration: creation) { _ in
            blackHole(prometheusCounters(count))
        }
    }
}
