import Testing

@testable import Spectator

@Suite("MaxGauge")
struct MaxGaugeTests {
    @Test("reports the largest value of each step, then nothing until set again")
    func stepMaximum() {
        let registry = Registry()
        let depth = registry.maxGauge("queue.depth")
        depth.set(3)
        depth.set(7)
        depth.set(5)
        #expect(registry.collect().values == ["queue.depth,statistic=max": 7])
        #expect(registry.collect().isEmpty)
        depth.set(1)
        #expect(registry.collect().values == ["queue.depth,statistic=max": 1])
        depth.set(2)
        #expect(registry.collect().kinds == ["queue.depth,statistic=max": .max])
    }

    @Test("negative values count; NaN and ±infinity are ignored")
    func values() {
        let registry = Registry()
        let gauge = registry.maxGauge("temperature")
        gauge.set(-5)
        gauge.set(-2)
        gauge.set(.nan)
        gauge.set(.infinity)
        gauge.set(-.infinity)
        #expect(registry.collect().values == ["temperature,statistic=max": -2])
        gauge.set(.nan)
        gauge.set(.infinity)
        #expect(registry.collect().isEmpty)
    }

    @Test("a user statistic tag is replaced by max")
    func statisticReplaced() {
        let registry = Registry()
        registry.maxGauge("depth", tags: ["statistic": "gauge"]).set(1)
        #expect(registry.collect().map(\.key) == ["depth,statistic=max"])
    }
}
