import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("Publisher", .serialized)
struct PublisherTests {
    /// What SpectatorD would report over the whole run from these lines, by type, name and tags (the
    /// self-metrics left out): counters summed, gauges their last value, maxima their largest.
    static func totals(_ lines: [String]) -> [String: Double] {
        lines.compactMap(ProtocolLine.init).filter { !$0.name.hasPrefix("spectator.") }.reduce(into: [:]) {
            totals,
            line in
            let key = "\(line.type):" + seriesKey(line.name, line.tags)
            switch line.type {
            case "c": totals[key, default: 0] += line.value
            case "m": totals[key] = max(totals[key] ?? line.value, line.value)
            default: totals[key] = line.value
            }
        }
    }

    func configuration(_ location: OutputLocation, step: Duration = .milliseconds(200)) -> SpectatorConfiguration {
        var configuration = SpectatorConfiguration(environment: [:], log: .discard)
        configuration.outputLocation = location
        configuration.step = step
        return configuration
    }

    @Test(
        "end to end over UDP with a 200 ms step, one meter of each type: everything recorded arrives exactly once; stop() sends the last partial step"
    )
    func udpEndToEnd() {
        let listener = UDPListener()
        let configuration = configuration(.udp(host: "127.0.0.1", port: listener.port))
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        let counter = registry.counter("requests")
        let timer = registry.percentileTimer("latency")
        let plainTimer = registry.timer("plain.latency")
        let summary = registry.distributionSummary("size")
        let percentileSummary = registry.percentileDistributionSummary("payload")
        let monotonic = registry.monotonicCounter("bytes")
        monotonic.set(0)
        publisher.flush()  // the monotonic counter's first sample only sets its baseline
        publisher.start()
        for round in 0..<6 {
            for _ in 0..<1000 {
                counter.increment()
                timer.record(.milliseconds(1))
                plainTimer.record(.seconds(2))
                summary.record(2)
                percentileSummary.record(87)
            }
            monotonic.set(Double((round + 1) * 100))
            registry.gauge("level").set(Double(10 - round))  // its last value, 5, is not its largest
            registry.maxGauge("peak").set(Double(round * 10))
            Thread.sleep(forTimeInterval: 0.09)
        }
        publisher.stop()
        publisher.stop()
        let totals = Self.totals(listener.receive().flatMap { $0.split(separator: "\n").map(String.init) })
        #expect(totals["c:requests,statistic=count"] == 6000)
        #expect(totals["c:latency,statistic=count"] == 6000)
        #expect(totals["c:latency,percentile=T0056,statistic=percentile"] == 6000)
        #expect(totals["c:size,statistic=totalAmount"] == 12_000)
        #expect(totals["g:level,statistic=gauge"] == 5)
        #expect(totals["m:peak,statistic=max"] == 50)
        #expect(totals["m:latency,statistic=max"] == 0.001)
        #expect(totals["c:plain.latency,statistic=count"] == 6000)
        #expect(totals["c:plain.latency,statistic=totalTime"] == 12_000)
        #expect(totals["c:payload,statistic=totalAmount"] == 522_000)
        #expect(totals["c:payload,percentile=D0019,statistic=percentile"] == 6000)
        #expect(totals["c:bytes,statistic=count"] == 600)
    }

    @Test("memory output: lines per step, the self-metrics published with the next step")
    func memoryAndSelfMetrics() {
        let output = MemoryOutput()
        let configuration = configuration(.memory(output))
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        registry.counter("requests").increment()
        publisher.flush()
        #expect(
            output.removeAll().sorted() == [
                "c:requests,statistic=count:1", "g:spectator.registrySize,statistic=gauge:1",
            ]
        )
        publisher.flush()
        #expect(
            output.removeAll().sorted() == [
                "c:spectator.measurements,id=sent,statistic=count:2",
                "g:spectator.registrySize,statistic=gauge:1",
            ]
        )
    }

    @Test("a full registry still publishes its own counts: refused meters and drops")
    func selfMetricsWhenFull() {
        let path = UnixDatagramListener.temporaryPath()
        var configuration = configuration(.unix(path: path))
        configuration.maxMeters = 1
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        registry.counter("requests").increment()
        for index in 0..<5 { registry.counter("flood", tags: ["i": String(index)]).increment() }
        publisher.flush()  // nobody listens: dropped
        let listener = UnixDatagramListener(path: path)
        publisher.flush()
        let lines = listener.receive().flatMap { $0.split(separator: "\n").map(String.init) }.sorted()
        #expect(
            lines == [
                "c:spectator.measurements,error=connection,id=dropped,statistic=count:3",
                "c:spectator.refusedMeters,statistic=count:5",
                "g:spectator.registrySize,statistic=gauge:1",
            ]
        )
    }

    @Test("drops are counted in spectator.measurements{id=dropped,error=…} and published once the sidecar is back")
    func droppedSelfMetric() {
        let path = UnixDatagramListener.temporaryPath()
        let log = LogLines()
        var configuration = configuration(.unix(path: path))
        configuration.log = log.sink
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        registry.counter("requests").increment()
        publisher.flush()
        let listener = UnixDatagramListener(path: path)
        publisher.flush()
        let lines = listener.receive().flatMap { $0.split(separator: "\n").map(String.init) }
        #expect(lines.contains("c:spectator.measurements,error=connection,id=dropped,statistic=count:2"))
        #expect(log.all.first?.contains("publishing failed (connection)") == true)
        #expect(log.all.last == "publishing recovered")
    }

    @Test("Atlas publish over HTTP with step-aligned timestamps: the loop's at boundaries, a flush's at the next one")
    func atlasTimestamps() throws {
        let server = HTTPTestServer(answers: [.status(200, body: "{}")])
        defer { server.stop() }
        let clock = ManualClock(wallTimeMillis: 1_700_000_012_345)
        let configuration = configuration(
            .http(HTTPEndpoint(parsing: server.url + "/api/v1/publish")!),
            step: .seconds(60)
        )
        let registry = Registry(configuration: configuration, clock: clock)
        let publisher = Publisher(registry: registry, configuration: configuration, clock: clock)
        registry.counter("requests").increment(by: 120)
        publisher.flush()
        let body = try #require(server.requests.first?.body)
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        let metrics = try #require(json?["metrics"] as? [[String: Any]])
        let requests = try #require(metrics.first { ($0["tags"] as? [String: String])?["name"] == "requests" })
        #expect(requests["timestamp"] as? Int == 1_700_000_040_000)
        #expect(requests["value"] as? Double == 2)
    }

    @Test(
        "https:// without a TLS transport: said once, with the product to add; every step dropped as other, counted, never a trap"
    )
    func httpsWithoutTransport() throws {
        let log = LogLines()
        var configuration = configuration(
            .http(try #require(HTTPEndpoint(parsing: "https://127.0.0.1:9/api/v1/publish")))
        )
        configuration.log = log.sink
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        registry.counter("requests").increment()
        publisher.flush()
        registry.counter("requests").increment()
        publisher.flush()
        publisher.stop()
        let said = log.all.filter { $0.hasPrefix("cannot publish to") }
        #expect(said.count == 1)
        #expect(said.first?.hasPrefix("cannot publish to https://127.0.0.1:9/api/v1/publish:") == true)
        #expect(said.first?.contains(#".product(name: "SpectatorHTTPS", package: "spectator-swift")"#) == true)
        // The first failing step is logged (a counter and the registry size); the next ones are counted.
        #expect(
            log.all.filter { $0.hasPrefix("publishing failed") } == [
                "publishing failed (other); dropped 2 measurements this step: no TLS transport for "
                    + "https://127.0.0.1:9/api/v1/publish: add the SpectatorHTTPS product"
            ]
        )
        #expect(registry.collect().isEmpty)
    }

    @Test("run() publishes until its task is cancelled, then flushes; a stopped publisher does not start again")
    func runUntilCancelled() async {
        let output = MemoryOutput()
        let configuration = configuration(.memory(output))
        // Frozen 1 ms before a step boundary: a running loop publishes every millisecond.
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000 - 1)
        let registry = Registry(configuration: configuration, clock: clock)
        let publisher = Publisher(registry: registry, configuration: configuration, clock: clock)
        let task = Task { try await publisher.run() }
        registry.counter("before").increment()
        #expect(await eventually { output.lines.contains("c:before,statistic=count:1") })
        registry.counter("after").increment()
        task.cancel()
        _ = await task.result
        #expect(output.lines.contains("c:after,statistic=count:1"))
        let linesWhenStopped = output.lines.count
        publisher.start()
        registry.counter("late").increment()
        // A hundred steps of a running loop; a stopped one publishes nothing, and the count waits.
        try? await Task.sleep(for: .milliseconds(100))
        #expect(output.lines.count == linesWhenStopped)
        #expect(registry.collect().values == ["late,statistic=count": 1])
    }

    @Test("dropping the last reference stops the publisher and flushes")
    func deinitFlushes() {
        let output = MemoryOutput()
        let configuration = configuration(.memory(output), step: .seconds(60))
        let registry = Registry(configuration: configuration)
        var publisher: Publisher? = Publisher(registry: registry, configuration: configuration)
        publisher?.start()
        registry.counter("requests").increment()
        publisher = nil
        #expect(output.lines.contains("c:requests,statistic=count:1"))
    }

    @Test(
        "shutdown() stops a running publisher and publishes the last partial step; again, or after stop(), it does nothing"
    )
    func asyncShutdown() async {
        let output = MemoryOutput()
        let configuration = configuration(.memory(output), step: .seconds(60))
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.start()
        registry.counter("requests").increment(by: 3)
        await publisher.shutdown()
        #expect(output.lines.contains("c:requests,statistic=count:3"))
        let linesWhenStopped = output.lines.count
        registry.counter("late").increment()
        await publisher.shutdown()
        publisher.stop()
        #expect(output.lines.count == linesWhenStopped)

        // A publisher stopped with stop() has nothing left for shutdown().
        let stopped = Publisher(registry: registry, configuration: configuration)
        stopped.stop()
        let afterStop = output.lines.count
        await stopped.shutdown()
        #expect(output.lines.count == afterStop)
    }
}
