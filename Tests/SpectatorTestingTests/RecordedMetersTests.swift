import Spectator
import SpectatorTesting
import Testing

#if Metrics
import Metrics
import SpectatorMetrics
#endif

@Suite("RecordedMeters")
struct RecordedMetersTests {
    @Test("a counter's count adds up across reads; what was recorded before the reading began is left out")
    func counter() throws {
        let registry = Registry()
        let requests = registry.counter("server.requestCount", tags: ["status": "200"])
        requests.increment(by: 7)
        let recorded = RecordedMeters(registry)
        requests.increment(by: 2)
        #expect(try recorded.counter("server.requestCount", tags: ["status": "200"]).count == 2)
        requests.increment(by: 3)
        #expect(try recorded.counter("server.requestCount", tags: ["status": "200"]).count == 5)
        recorded.reset()
        requests.increment()
        #expect(try recorded.counter("server.requestCount", tags: ["status": "200"]).count == 1)
    }

    @Test("counts(_:): every series of a name by its tags, across reads; gauges and other names left out")
    func counts() {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        registry.counter("requests", tags: ["status": "200", "method": "GET"]).increment(by: 3)
        registry.percentileTimer("requests", tags: ["status": "500"]).record(.milliseconds(5))
        registry.distributionSummary("requests", tags: ["status": "404"]).record(10)
        registry.gauge("requests", tags: ["pool": "a"]).set(4)
        registry.counter("other").increment()
        #expect(recorded.counts("requests") == ["method=GET,status=200": 3, "status=500": 1, "status=404": 1])
        registry.counter("requests", tags: ["status": "200", "method": "GET"]).increment()
        #expect(recorded.counts("requests")["method=GET,status=200"] == 4)
        #expect(recorded.counts("missing").isEmpty)
    }

    @Test("a timer's count, total, max and mean; a plain timer has no percentiles")
    func timer() throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let latency = registry.timer("server.requestLatency", tags: ["route": "/users"])
        latency.record(.milliseconds(40))
        _ = try recorded.timer("server.requestLatency", tags: ["route": "/users"])
        latency.record(.milliseconds(10))
        let timer = try recorded.timer("server.requestLatency", tags: ["route": "/users"])
        #expect(timer.count == 2)
        #expect(timer.totalTime == .milliseconds(50))
        #expect(timer.max == .milliseconds(40))
        #expect(timer.mean == .milliseconds(25))
        #expect(timer.percentile(99) == nil)
    }

    @Test("a percentile timer's percentiles come from its buckets: all within the bucket the durations fell in")
    func percentileTimer() throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let latency = registry.percentileTimer("server.requestLatency")
        for _ in 0..<100 { latency.record(.milliseconds(10)) }
        let bucket = PercentileBuckets.index(of: 10_000_000)
        let bounds =
            Duration.nanoseconds(
                PercentileBuckets.values[bucket - 1]
            )...Duration.nanoseconds(
                PercentileBuckets.values[bucket]
            )
        let timer = try recorded.timer("server.requestLatency")
        #expect(timer.count == 100)
        for percentile in [50.0, 90, 99] {
            let value = try #require(timer.percentile(percentile))
            #expect(bounds.contains(value))
        }
    }

    @Test("a summary's count, total, max and percentiles; a gauge's last value; a max gauge's largest")
    func summaryAndGauges() throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let sizes = registry.percentileDistributionSummary("server.responseSize")
        sizes.record(100)
        sizes.record(300)
        registry.gauge("pool.size").set(3)
        registry.gauge("pool.size").set(8)
        registry.maxGauge("queue.depth").set(12)
        registry.maxGauge("queue.depth").set(5)

        let summary = try recorded.distributionSummary("server.responseSize")
        #expect(summary.count == 2)
        #expect(summary.totalAmount == 400)
        #expect(summary.max == 300)
        #expect(summary.mean == 200)
        let median = try #require(summary.percentile(50))
        #expect((PercentileBuckets.values[PercentileBuckets.index(of: 100) - 1]...300).contains(Int64(median)))
        #expect(try recorded.gauge("pool.size").value == 8)
        #expect(try recorded.gauge("queue.depth").value == 12)
    }

    @Test("a distinct-count sketch's registers merge by maximum across reads, and its estimate is theirs")
    func distinctCountSketch() throws {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        let users = registry.distinctCountSketch("server.distinctUsers", tags: ["endpoint": "login"])
        users.record(Int64(0))  // register 59, rank 3 (spectator-java's vectors)
        users.record("user-12345")  // register 12, rank 2
        let first = try recorded.distinctCountSketch("server.distinctUsers", tags: ["endpoint": "login"])
        var expected = Array(repeating: 0, count: 64)
        (expected[59], expected[12]) = (3, 2)
        #expect(first.registers == expected)
        // 64 · ln(64 / 62): linear counting while registers are empty.
        #expect(abs(first.cardinality - 2.0319) < 0.001)

        users.record(Int64(1))  // register 21, rank 1
        users.record(Int64(1000))  // register 9, rank 1
        users.record(Int64(-1))  // register 9, rank 1: the same register again
        let merged = try recorded.distinctCountSketch("server.distinctUsers", tags: ["endpoint": "login"])
        (expected[21], expected[9]) = (1, 1)
        #expect(merged.registers == expected)
        #expect(merged.cardinality == DistinctCountSketch.cardinality(registers: expected))

        #expect(throws: MeterNotRecorded.self) {
            try recorded.counter("server.distinctUsers", tags: ["endpoint": "login"])
        }
        let miss = #expect(throws: MeterNotRecorded.self) { try recorded.distinctCountSketch("server.distinctUsers") }
        #expect(miss?.description.contains("distinct-count sketch, cardinality") == true)
    }

    @Test("a miss names what was asked for and lists the near misses: other tags, another type")
    func nearMisses() {
        let registry = Registry()
        let recorded = RecordedMeters(registry)
        registry.counter("server.requestCount", tags: ["status": "200", "method": "GET"]).increment(by: 3)
        registry.timer("server.requestCount", tags: ["status": "500"]).record(.milliseconds(250))

        #expect {
            try recorded.counter("server.requestCount", tags: ["status": "500"])
        } throws: { error in
            "\(error)" == """
                no counter server.requestCount{status=500} was recorded; near misses:
                  server.requestCount{method=GET,status=200}: counter, count 3.0
                  server.requestCount{status=500}: timer, count 1, totalTime 0.25 s
                """
        }
        #expect {
            try recorded.gauge("inFlight")
        } throws: { error in
            "\(error)"
                == "no gauge inFlight{} was recorded; no meter of that name either. Names recorded: server.requestCount"
        }
    }

    #if Metrics
    @Test("a handler instrumented through swift-metrics is read by its label and dimensions")
    func swiftMetricsHandler() throws {
        let registry = Registry()
        let factory = SpectatorMetricsFactory(registry: registry)
        let recorded = RecordedMeters(registry)

        /// What a request handler does with swift-metrics.
        func handle(status: Int, tookMilliseconds milliseconds: Int) {
            Counter(label: "http.requests", dimensions: [("status", String(status))], factory: factory).increment()
            Metrics.Timer(label: "http.duration", dimensions: [("status", String(status))], factory: factory)
                .recordMilliseconds(milliseconds)
        }
        handle(status: 200, tookMilliseconds: 20)
        handle(status: 200, tookMilliseconds: 30)
        handle(status: 500, tookMilliseconds: 900)

        #expect(try recorded.counter("http.requests", tags: ["status": "200"]).count == 2)
        #expect(try recorded.counter("http.requests", tags: ["status": "500"]).count == 1)
        let failures = try recorded.timer("http.duration", tags: ["status": "500"])
        #expect(failures.count == 1)
        #expect(failures.max == .milliseconds(900))
    }
    #endif

    @Test("process metrics read like any meter: the gauges' values, the running totals' growth")
    func processMetrics() throws {
        let registry = Registry()
        registry.registerProcessMetrics()
        let recorded = RecordedMeters(registry)  // the first collection: the running totals' baseline
        var spin = 0.0
        for index in 0..<2_000_000 { spin += Double(index).squareRoot() }
        #expect(spin > 0)
        #expect(try recorded.gauge("fh.max").value >= 1)
        #expect(try recorded.gauge("swift.threads").value >= 1)
        #expect(try recorded.counter("swift.resource.time", tags: ["mode": "user"]).count > 0)
    }
}
