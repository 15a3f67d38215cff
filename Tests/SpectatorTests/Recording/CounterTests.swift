import Foundation
import Synchronization
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

    @Test("threads adding whole and fractional amounts to one counter: every amount counted, in the step it landed")
    func concurrentFractions() {
        let registry = Registry()
        let counter = registry.counter("bytes")
        let adder: @Sendable () -> Void = {
            for index in 0..<100_000 {
                counter.increment()
                if index % 100 == 0 { counter.increment(by: 0.25) }
            }
        }
        runOnThreads([adder, adder, adder, adder])
        #expect(counter.isStriped)
        let expected: Double = 400_000 + 1_000
        #expect(registry.collect().values == ["bytes,statistic=count": expected])
        counter.increment(by: 0.5)
        counter.increment(by: 3)
        #expect(registry.collect().values == ["bytes,statistic=count": 3.5])
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
        // Both threads start together and add until the counter stripes (or a bound far past what
        // striping needs), so a loaded machine that runs them one after the other cannot fool the test.
        let ready = Atomic<Int>(0)
        let added = Atomic<Int>(0)
        let hammer: @Sendable () -> Void = {
            ready.add(1, ordering: .relaxed)
            while ready.load(ordering: .relaxed) < 2 {}
            var count = 0
            while count < 200_000_000, count % 4096 != 0 || !counter.isStriped {
                counter.increment()
                count += 1
            }
            // A few more once striped, so that the stripes themselves are counted too.
            for _ in 0..<100_000 { counter.increment() }
            added.add(count + 100_000, ordering: .relaxed)
        }
        runOnThreads([hammer, hammer])
        #expect(counter.isStriped)
        #expect(registry.collect().values == ["requests,statistic=count": Double(added.load(ordering: .relaxed))])
    }
}
