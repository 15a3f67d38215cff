import Testing

@testable import Spectator

@Suite("MonotonicCounter")
struct MonotonicCounterTests {
    @Test("publishes the growth between steps; the first sample is the baseline")
    func growth() {
        let registry = Registry()
        let received = registry.monotonicCounter("net.bytes")
        received.set(100)
        #expect(registry.collect().isEmpty)
        received.set(120)
        received.set(150)
        #expect(registry.collect().values == ["net.bytes,statistic=count": 50])
        #expect(registry.collect().isEmpty)
        received.set(150.5)
        #expect(registry.collect().kinds == ["net.bytes,statistic=count": .delta])
    }

    @Test("a sample below the baseline (a restart) sets a new baseline and reports nothing")
    func restart() {
        let registry = Registry()
        let counter = registry.monotonicCounter("net.bytes")
        counter.set(1000)
        _ = registry.collect()
        counter.set(10)
        #expect(registry.collect().isEmpty)
        counter.set(15)
        #expect(registry.collect().values == ["net.bytes,statistic=count": 5])
    }

    @Test("NaN and ±infinity are ignored")
    func nonFinite() {
        let registry = Registry()
        let counter = registry.monotonicCounter("net.bytes")
        counter.set(.nan)
        counter.set(.infinity)
        #expect(registry.collect().isEmpty)
        counter.set(5)
        _ = registry.collect()
        counter.set(.nan)
        counter.set(-.infinity)
        counter.set(8)
        #expect(registry.collect().values == ["net.bytes,statistic=count": 3])
    }
}
