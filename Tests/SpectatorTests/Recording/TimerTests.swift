import Testing

@testable import Spectator

@Suite("Timer")
struct TimerTests {
    @Test("count, totalTime (s), totalOfSquares (s²) and max (s), from every recording API")
    func statistics() {
        let registry = Registry()
        let timer = registry.timer("latency")
        timer.record(.seconds(1))
        timer.record(seconds: 2)
        timer.record(.milliseconds(500))
        timer.record(nanoseconds: 250_000_000)
        let measurements = registry.collect()
        #expect(
            measurements.values == [
                "latency,statistic=count": 4,
                "latency,statistic=totalTime": 3.75,
                "latency,statistic=totalOfSquares": 5.3125,
                "latency,statistic=max": 2,
            ]
        )
        #expect(measurements.kinds["latency,statistic=count"] == .delta)
        #expect(measurements.kinds["latency,statistic=totalTime"] == .delta)
        #expect(measurements.kinds["latency,statistic=totalOfSquares"] == .delta)
        #expect(measurements.kinds["latency,statistic=max"] == .max)
        #expect(registry.collect().isEmpty)
    }

    @Test("a user statistic tag is replaced, as Spectator does for timers")
    func userStatisticReplaced() {
        let registry = Registry()
        registry.timer("latency", tags: ["statistic": "gauge"]).record(.seconds(1))
        #expect(
            registry.collect().map(\.key).sorted() == [
                "latency,statistic=count", "latency,statistic=max", "latency,statistic=totalOfSquares",
                "latency,statistic=totalTime",
            ]
        )
    }

    @Test("zero is recorded; negative, NaN and infinite durations are ignored")
    func recordingRules() {
        let registry = Registry()
        let timer = registry.timer("latency")
        timer.record(.seconds(-1))
        timer.record(seconds: -0.001)
        timer.record(seconds: .nan)
        timer.record(seconds: .infinity)
        timer.record(nanoseconds: -5)
        timer.record(nanoseconds: .min)
        #expect(registry.collect().isEmpty)
        timer.record(.zero)
        #expect(
            registry.collect().values == [
                "latency,statistic=count": 1, "latency,statistic=totalTime": 0,
                "latency,statistic=totalOfSquares": 0, "latency,statistic=max": 0,
            ]
        )
    }

    @Test("absurdly long durations clamp to Int64.max nanoseconds and their sum does not wrap")
    func absurdDurations() {
        let registry = Registry()
        let timer = registry.timer("latency")
        timer.record(.seconds(Int64.max))
        timer.record(seconds: 1e300)
        let values = registry.collect().values
        #expect(values["latency,statistic=count"] == 2)
        #expect(values["latency,statistic=totalTime"] == 2 * Double(Int64.max) / 1e9)
        #expect(values["latency,statistic=max"] == Double(Int64.max) / 1e9)
        #expect(values.values.allSatisfy { $0.isFinite })
    }

    @Test("time { } records the closure's duration and returns its result, also when it throws")
    func timeClosures() async throws {
        struct Failure: Error {}
        let registry = Registry()
        let timer = registry.timer("work")
        #expect(timer.time { 42 } == 42)
        #expect(throws: Failure.self) { try timer.time { throw Failure() } }
        let value = await timer.time {
            try? await Task.sleep(for: .milliseconds(20))
            return "done"
        }
        #expect(value == "done")
        let values = registry.collect().values
        #expect(values["work,statistic=count"] == 3)
        #expect(values["work,statistic=max"]! >= 0.02)
    }
}
