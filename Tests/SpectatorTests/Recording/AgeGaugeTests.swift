import Foundation
import Testing

@testable import Spectator

@Suite("AgeGauge")
struct AgeGaugeTests {
    @Test("line protocol sends the time of the last success as an A line; never set, nothing")
    func lines() {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_250)
        let registry = Registry(clock: clock)
        let age = registry.ageGauge("sync.sinceSuccess", tags: ["job": "users"])
        #expect(stepLines(registry).isEmpty)
        age.setNow()
        #expect(stepLines(registry) == ["A:sync.sinceSuccess,job=users,statistic=gauge:1700000000.25"])
        age.set(secondsSince1970: 1_600_000_000)
        age.set(secondsSince1970: .nan)
        age.set(secondsSince1970: -1)
        #expect(stepLines(registry) == ["A:sync.sinceSuccess,job=users,statistic=gauge:1600000000"])
    }

    @Test("HTTP outputs get the age in seconds at the step's timestamp, as a gauge")
    func atlas() throws {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let registry = Registry(clock: clock)
        registry.ageGauge("sync.sinceSuccess").setNow()
        let measurements = registry.collect().map { $0.asLevel(atMillis: 1_700_000_060_000) }
        #expect(measurements.values == ["sync.sinceSuccess,statistic=gauge": 60])
        #expect(measurements.kinds == ["sync.sinceSuccess,statistic=gauge": .gauge])
        let body = try #require(
            WireFormat.atlasPublish(registry.collect(), timestampMillis: 1_700_000_060_000, step: .seconds(60)).first
        )
        #expect(
            String(decoding: body, as: UTF8.self).contains(
                #""atlas.dstype":"gauge"},"timestamp":1700000060000,"value":60}"#
            )
        )
    }
}
