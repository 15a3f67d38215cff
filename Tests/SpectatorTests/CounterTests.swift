import Foundation
import Testing

@testable import Spectator

@Suite("Counter")
struct CounterTests {
    @Test("whole and fractional increments add up in one count delta")
    func increments() {
        let registry = Registry()
        let counter = registry.counter("requests", tags: ["status": "200"])
        counter.increment()
        counter.increment(by: 2)
        counter.increment(by: 0.5)
        counter.increment(by: 4.0)
        let measurements = registry.collect()
        #expect(measurements.values == ["requests,statistic=count,status=200": 7.5])
        #expect(measurements.kinds == ["requests,statistic=count,status=200": .delta])
        #expect(registry.collect().isEmpty)
    }

    @Test("zero, negative, NaN and infinite amounts are ignored")
    func ignoredAmounts() {
        let registry = Registry()
        let counter = registry.counter("requests")
        counter.increment(by: 0)
        counter.increment(by: -3)
        counter.increment(by: 0.0)
        counter.increment(by: -0.5)
        counter.increment(by: .nan)
        counter.increment(by: .infinity)
        counter.increment(by: -.infinity)
        counter.increment(by: Int.min)
        #expect(registry.collect().isEmpty)
    }

    @Test("huge amounts saturate instead of producing infinity")
    func hugeAmounts() {
        let registry = Registry()
        let counter = registry.counter("bytes")
        counter.increment(by: .greatestFiniteMagnitude)
        counter.increment(by: .greatestFiniteMagnitude)
        counter.increment(by: Int.max)
        #expect(registry.collect().values == ["bytes,statistic=count": .greatestFiniteMagnitude])
    }

    @Test("a user statistic tag is kept, as Spectator does for counters")
    func userStatistic() {
        let registry = Registry()
        registry.counter("custom", tags: ["statistic": "percentile", "percentile": "T0042"]).increment()
        let measurement = registry.collect()[0]
        #expect(measurement.statistic == nil)
        #expect(measurement.key == "custom,percentile=T0042,statistic=percentile")
    }

    @Test("one thread adding millions of times never spreads the counter over stripes")
    func singleThreadStaysUnstriped() {
        let counter = Registry().counter("requests")
        for _ in 0..<10_000_000 { counter.increment() }
        #expect(!counter.isStriped)
    }

    @Test("threads taking turns a thousand increments at a time, a millisecond apart, do not stripe it")
    func occasionalThreadsStayUnstriped() {
        let registry = Registry()
        let counter = registry.counter("requests")
        for _ in 0..<20 {
            runOnThreads([{ for _ in 0..<1_100 { counter.increment() } }])
            Thread.sleep(forTimeInterval: 0.001)
        }
        #expect(!counter.isStriped)
        #expect(registry.collect().values == ["requests,statistic=count": 22_000])
    }

    @Test("two threads hammering one counter spread it over stripes, and every increment is counted")
    func contentionStripes() {
        let registry = Registry()
        let counter = registry.counter("requests")
        let hammer: @Sendable () -> Void = { for _ in 0..<2_000_000 { counter.increment() } }
        runOnThreads([hammer, hammer])
        #expect(counter.isStriped)
        #expect(registry.collect().values == ["requests,statistic=count": 4_000_000])
    }
}
