import Testing

@testable import Spectator

@Suite("Gauge")
struct GaugeTests {
    @Test("reports the last value set, every step, until it is set again")
    func lastValue() {
        let registry = Registry()
        let gauge = registry.gauge("inFlight", tags: ["pool": "db"])
        gauge.set(3)
        gauge.set(-12.5)
        #expect(registry.collect().values == ["inFlight,pool=db,statistic=gauge": -12.5])
        #expect(registry.collect().values == ["inFlight,pool=db,statistic=gauge": -12.5])
        #expect(registry.collect().kinds == ["inFlight,pool=db,statistic=gauge": .gauge])
        gauge.set(7)
        #expect(gauge.value == 7)
        #expect(registry.collect().values == ["inFlight,pool=db,statistic=gauge": 7])
    }

    @Test("NaN clears the gauge and ±infinity reports nothing")
    func nonFinite() {
        let registry = Registry()
        let gauge = registry.gauge("inFlight")
        #expect(registry.collect().isEmpty)
        gauge.set(1)
        gauge.set(.nan)
        #expect(registry.collect().isEmpty)
        gauge.set(.infinity)
        #expect(registry.collect().isEmpty)
        gauge.set(-.infinity)
        #expect(registry.collect().isEmpty)
        gauge.set(2)
        #expect(registry.collect().values == ["inFlight,statistic=gauge": 2])
    }

    @Test("a user statistic tag is kept")
    func userStatistic() {
        let registry = Registry()
        registry.gauge("jvm.memory", tags: ["statistic": "max"]).set(1)
        #expect(registry.collect().map(\.key) == ["jvm.memory,statistic=max"])
    }
}
