import Foundation
import Testing

@testable import Spectator

@Suite("AtlasPublishFormat")
struct AtlasPublishFormatTests {
    @Test("deltas become rates per second, gauges and maxima stay values, with step-aligned timestamps")
    func exactBody() {
        let encoder = AtlasPublishFormat(
            commonTags: CommonTags.sanitized(["nf.app": "api", "nf.region": "us-east-1"])
        )
        let id = MeterId("server.latency", tags: ["status": "200"])
        let measurements = [
            MeterMeasurement(id: id, statistic: .count, value: 30, kind: .delta),
            MeterMeasurement(id: id, statistic: .max, value: 0.25, kind: .max),
            MeterMeasurement(
                id: id,
                statistic: .percentile,
                bucket: .percentile(isTimer: true, index: 0x42),
                value: 6,
                kind: .delta
            ),
            MeterMeasurement(id: MeterId("inFlight"), statistic: .gauge, value: 7, kind: .gauge),
        ]
        let bodies = Array(
            JSONBodyFormat.atlasPublish(encoder, step: .seconds(60))
                .bodies(measurements, timestampMillis: 1_700_000_060_000, batchSize: 10_000)
        )
        #expect(bodies.count == 1)
        #expect(bodies[0].measurementCount == 4)
        let expected = """
            {"tags":{"nf.app":"api","nf.region":"us-east-1"},"metrics":[\
            {"tags":{"name":"server.latency","statistic":"count","status":"200","atlas.dstype":"rate"},"timestamp":1700000060000,"value":0.5},\
            {"tags":{"name":"server.latency","statistic":"max","status":"200","atlas.dstype":"gauge"},"timestamp":1700000060000,"value":0.25},\
            {"tags":{"name":"server.latency","percentile":"T0042","statistic":"percentile","status":"200","atlas.dstype":"rate"},"timestamp":1700000060000,"value":0.1},\
            {"tags":{"name":"inFlight","statistic":"gauge","atlas.dstype":"gauge"},"timestamp":1700000060000,"value":7}]}
            """
        #expect(String(decoding: bodies[0].body, as: UTF8.self) == expected)
        #expect((try? JSONSerialization.jsonObject(with: Data(bodies[0].body))) != nil)
    }

    @Test("odd common tag values are escaped as JSON strings")
    func escaping() {
        let encoder = AtlasPublishFormat(commonTags: [Tag(key: "quote\"back\\slash", value: "line\nbreak\ttab\u{1}é🙂")]
        )
        let format = JSONBodyFormat.atlasPublish(encoder, step: .seconds(60))
        #expect(Array(format.bodies([], timestampMillis: 0, batchSize: 1)).isEmpty)
        let one = Array(
            format.bodies(
                [MeterMeasurement(id: MeterId("m"), statistic: .gauge, value: 1, kind: .gauge)],
                timestampMillis: 0,
                batchSize: 1
            )
        )
        let text = String(decoding: one[0].body, as: UTF8.self)
        #expect(text.hasPrefix(#"{"tags":{"quote\"back\\slash":"line\nbreak\ttab\u0001é🙂"},"#))
        let parsed = try? JSONSerialization.jsonObject(with: Data(one[0].body)) as? [String: Any]
        let tags = parsed?["tags"] as? [String: String]
        #expect(tags == ["quote\"back\\slash": "line\nbreak\ttab\u{1}é🙂"])
    }

    @Test("25 000 measurements with batches of 10 000 make 3 bodies")
    func batching() {
        let encoder = AtlasPublishFormat(commonTags: [])
        let measurements = (0..<25_000).map {
            MeterMeasurement(id: MeterId("m", tags: ["i": String($0)]), statistic: .count, value: 1, kind: .delta)
        }
        let bodies = Array(
            JSONBodyFormat.atlasPublish(encoder, step: .seconds(5)).bodies(
                measurements,
                timestampMillis: 0,
                batchSize: 10_000
            )
        )
        #expect(bodies.map(\.measurementCount) == [10_000, 10_000, 5_000])
        let counts = bodies.map { body -> Int in
            let object = try? JSONSerialization.jsonObject(with: Data(body.body)) as? [String: Any]
            return (object?["metrics"] as? [Any])?.count ?? -1
        }
        #expect(counts == [10_000, 10_000, 5_000])
    }
}
