#if Metrics
import Metrics
import Spectator
import SpectatorMetrics
import SpectatorTestSupport
import Testing

@Suite("SpectatorMetricsFactory")
struct SpectatorMetricsFactoryTests {
    let registry = Registry(log: .discard)
    var factory: SpectatorMetricsFactory { SpectatorMetricsFactory(registry: registry) }

    @Test("Counter and FloatingPointCounter record into a Spectator counter; dimensions become tags")
    func counters() {
        let counter = Metrics.Counter(label: "http.requests", dimensions: [("status", "200")], factory: factory)
        counter.increment()
        counter.increment(by: 4)
        let floating = FloatingPointCounter(label: "bytes", factory: factory)
        floating.increment(by: 1.5)
        floating.increment(by: -3)
        #expect(
            registry.collect().values == ["http.requests,statistic=count,status=200": 5, "bytes,statistic=count": 1.5]
        )
    }

    @Test("a counter's handler is the registry's Spectator counter itself, for every creation of the series")
    func counterIsItsOwnHandler() throws {
        let first = factory.makeCounter(label: "http.requests", dimensions: [("status", "200")])
        let again = factory.makeFloatingPointCounter(label: "http.requests", dimensions: [("status", "200")])
        let counter = registry.counter("http.requests", tags: ["status": "200"])
        #expect(try #require(first as? Spectator.Counter) === counter)
        #expect(try #require(again as? Spectator.Counter) === counter)
        first.increment(by: 2)
        first.increment(by: -7)  // not counted: a counter only goes up
        first.reset()  // nothing to reset: the step's delta stays
        again.increment(by: 0.5)
        #expect(registry.collect().values == ["http.requests,statistic=count,status=200": 2.5])
    }

    @Test("Meter and Recorder(aggregate: false) set a gauge; Meter increments and decrements it")
    func gauges() {
        let meter = Meter(label: "pool.size", factory: factory)
        meter.set(10)
        meter.increment(by: 2)
        meter.decrement(by: 5)
        let recorder = Recorder(label: "temperature", aggregate: false, factory: factory)
        recorder.record(21.5)
        recorder.record(Int64(22))
        #expect(registry.collect().values == ["pool.size,statistic=gauge": 7, "temperature,statistic=gauge": 22])
    }

    @Test("Recorder(aggregate: true) feeds a distribution summary")
    func summaries() {
        let recorder = Recorder(label: "response.size", dimensions: [("route", "users")], factory: factory)
        recorder.record(Int64(100))
        recorder.record(50.5)
        #expect(
            registry.collect().values == [
                "response.size,route=users,statistic=count": 2,
                "response.size,route=users,statistic=totalAmount": 150.5,
                "response.size,route=users,statistic=totalOfSquares": 100 * 100 + 50.5 * 50.5,
                "response.size,route=users,statistic=max": 100,
            ]
        )
    }

    @Test("Timer feeds a percentile timer, in seconds, with bucket counts")
    func timers() {
        let timer = Metrics.Timer(label: "rpc.latency", factory: factory)
        timer.recordMilliseconds(1)
        timer.recordNanoseconds(1_000_000_000)
        let values = registry.collect().values
        #expect(values["rpc.latency,statistic=count"] == 2)
        #expect(values["rpc.latency,statistic=totalTime"] == 1.001)
        #expect(values["rpc.latency,statistic=max"] == 1)
        #expect(values["rpc.latency,percentile=T0056,statistic=percentile"] == 1)
        #expect(values["rpc.latency,percentile=T0083,statistic=percentile"] == 1)
    }

    @Test("timers: .plain feeds a plain timer: the four statistics, no percentile series")
    func plainTimers() {
        let factory = SpectatorMetricsFactory(registry: registry, timers: .plain)
        let timer = Metrics.Timer(label: "rpc.latency", dimensions: [("http.route", "/hello")], factory: factory)
        timer.recordMilliseconds(1)
        timer.recordNanoseconds(1_000_000_000)
        timer.destroy()
        #expect(
            registry.collect().values == [
                "rpc.latency,http.route=_hello,statistic=count": 2,
                "rpc.latency,http.route=_hello,statistic=totalTime": 1.001,
                "rpc.latency,http.route=_hello,statistic=totalOfSquares": 0.001 * 0.001 + 1,
                "rpc.latency,http.route=_hello,statistic=max": 1,
            ]
        )
        #expect(registry.size == 0)
    }

    @Test("destroy* publishes what was recorded, then removes the meter")
    func destroy() {
        let counter = Metrics.Counter(label: "jobs", factory: factory)
        let timer = Metrics.Timer(label: "job.time", factory: factory)
        let meter = Meter(label: "queue", factory: factory)
        let recorder = Recorder(label: "size", factory: factory)
        let floating = FloatingPointCounter(label: "work", factory: factory)
        counter.increment()
        timer.recordSeconds(1)
        meter.set(3)
        recorder.record(Int64(4))
        floating.increment(by: 0.5)
        #expect(registry.size == 5)
        counter.destroy()
        timer.destroy()
        meter.destroy()
        recorder.destroy()
        floating.destroy()
        let values = registry.collect().values
        #expect(values["jobs,statistic=count"] == 1)
        #expect(values["job.time,statistic=count"] == 1)
        #expect(values["queue,statistic=gauge"] == 3)
        #expect(values["size,statistic=count"] == 1)
        #expect(values["work,statistic=count"] == 0.5)
        #expect(registry.size == 0)
        #expect(registry.collect().isEmpty)
    }

    @Test("labels and dimensions with odd characters are sanitised like any id, and found again by the same spelling")
    func oddCharacters() {
        for _ in 0..<3 {
            Metrics.Counter(
                label: "http requests/sec",
                dimensions: [("path", "/users/{id}"), ("é", "🙂"), ("", "x")],
                factory: factory
            )
            .increment()
        }
        Metrics.Counter(
            label: "http_requests_sec",
            dimensions: [("path", "_users__id_"), ("_", "_")],
            factory: factory
        )
        .increment()
        #expect(registry.collect().values == ["http_requests_sec,_=_,path=_users__id_,statistic=count": 4])
        #expect(registry.size == 1)
    }

    @Test("the same label asked for as two types: the second gets a no-op, the first keeps working")
    func typeConflict() {
        let log = LogLines()
        let registry = Registry(log: log.sink)
        let factory = SpectatorMetricsFactory(registry: registry)
        let counter = Metrics.Counter(label: "requests", factory: factory)
        let timer = Metrics.Timer(label: "requests", factory: factory)
        counter.increment()
        timer.recordSeconds(1)
        #expect(registry.collect().values == ["requests,statistic=count": 1])
        #expect(
            log.all == ["requests is registered as a Counter, not a PercentileTimer; that request gets a no-op meter"]
        )
    }
}
#endif
