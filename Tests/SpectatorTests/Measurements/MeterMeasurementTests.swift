import Testing

@testable import Spectator

@Suite("MeterMeasurement")
struct MeterMeasurementTests {
    @Test("tags add statistic and percentile in key order, overriding the meter's own")
    func tags() {
        let id = MeterId("latency", tags: ["zone": "a", "statistic": "user", "app": "x"])
        let bucket = MeterMeasurement(
            id: id,
            statistic: .percentile,
            bucket: .percentile(isTimer: true, index: 0x42),
            value: 3,
            kind: .delta
        )
        #expect(bucket.tags.map(\.description) == ["app=x", "percentile=T0042", "statistic=percentile", "zone=a"])
        let kept = MeterMeasurement(id: id, statistic: nil, value: 1, kind: .gauge)
        #expect(kept.tags.map(\.description) == ["app=x", "statistic=user", "zone=a"])
        #expect(bucket.description == "latency,app=x,percentile=T0042,statistic=percentile,zone=a:3.0 (delta)")
    }

    @Test("infinite values saturate at the largest finite double")
    func saturation() {
        let id = MeterId("m")
        #expect(
            MeterMeasurement(id: id, statistic: .count, value: .infinity, kind: .delta).value
                == .greatestFiniteMagnitude
        )
        #expect(
            MeterMeasurement(id: id, statistic: .gauge, value: -.infinity, kind: .gauge).value
                == -.greatestFiniteMagnitude
        )
    }
}
