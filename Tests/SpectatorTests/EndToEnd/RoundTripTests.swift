import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

/// Random ids (any Unicode), values and meter mixes, encoded and parsed back by parsers written
/// by spectatord's line rules (``ProtocolLine``) and by JSONSerialization: what comes back is what went in,
/// after sanitisation.
@Suite("Encoder round trips")
struct RoundTripTests {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    static let alphabet: [Character] = Array("abcXYZ09-._~^,:=\n\0 \"\\/{}é🙂\u{301}🇫🇷\t")

    static func randomString(_ random: inout SeededGenerator, maxLength: Int = 12) -> String {
        String((0..<Int.random(in: 0...maxLength, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }

    static func randomMeasurements(_ count: Int, seed: UInt64) -> [MeterMeasurement] {
        var random = SeededGenerator(state: seed)
        let statistics: [Statistic?] = Statistic.allCases + [nil]
        return (0..<count).map { _ in
            let tags = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                (key: randomString(&random), value: randomString(&random))
            }
            var name = randomString(&random)
            if name.isEmpty { name = "n" }
            let value: Double =
                switch Int.random(in: 0..<4, using: &random) {
                case 0: Double(Int.random(in: -1_000_000...1_000_000, using: &random))
                case 1: Double.random(in: -1e-9...1e-9, using: &random)
                case 2: Double.random(in: -1e300...1e300, using: &random)
                default: Double.random(in: 0...1, using: &random)
                }
            let kind = [MeterMeasurement.Kind.delta, .gauge, .max].randomElement(using: &random)!
            let statistic = statistics.randomElement(using: &random)!
            let percentile =
                statistic == .percentile
                ? BucketTag.percentile(
                    isTimer: true,
                    index: Int.random(in: 0..<PercentileBuckets.count, using: &random)
                ) : nil
            return MeterMeasurement(
                id: MeterId(name, tagPairs: tags),
                statistic: statistic,
                bucket: percentile,
                value: value,
                kind: kind
            )
        }
    }

    @Test(
        "line protocol: type, name, tags (common tags merged in, the meter's own winning) and the exact value come back",
        arguments: [(1, false), (2, false), (3, false), (4, true), (5, true)] as [(UInt64, Bool)]
    )
    func lineProtocol(seed: UInt64, withCommonTags: Bool) {
        let measurements = Self.randomMeasurements(2000, seed: seed)
        // Keys chosen to sort before, between and after the random ones, one of them a common `statistic`
        // that every measurement's own must override.
        let common: [String: String] =
            withCommonTags ? ["0first": "c1", "mid": "c2", "statistic": "common", "~last": "c3"] : [:]
        let (datagrams, oversized) = LineDatagramExporter.datagrams(
            measurements,
            format: LineProtocolFormat(commonTags: CommonTags.sanitized(common))
        )
        #expect(oversized == 0)
        let lines = datagrams.flatMap {
            String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(lines.count == measurements.count)
        for (measurement, line) in zip(measurements, lines) {
            let parsed = ProtocolLine(line)
            #expect(parsed != nil, "\(line)")
            guard let parsed else { continue }
            let type: Character = measurement.kind == .delta ? "c" : measurement.kind == .gauge ? "g" : "m"
            #expect(parsed.type == type)
            #expect(parsed.name == measurement.id.name)
            let own = Dictionary(uniqueKeysWithValues: measurement.tags.map { ($0.key, $0.value) })
            #expect(parsed.tags == common.merging(own) { _, mine in mine })
            #expect(
                parsed.tags.keys.sorted()
                    == line.split(separator: ":")[1].split(separator: ",").dropFirst().map {
                        String($0.split(separator: "=")[0])
                    }
            )
            #expect(parsed.value == measurement.value)
        }
    }

    @Test("Atlas publish JSON: tags, dstype and value (rate of deltas) come back", arguments: [6, 7] as [UInt64])
    func atlasPublish(seed: UInt64) throws {
        let measurements = Self.randomMeasurements(1000, seed: seed)
        let commonTags = CommonTags.sanitized(["nf.app": "app \"quoted\"", "nf.region": "é"])
        let bodies = Array(
            JSONBodyFormat.atlasPublish(AtlasPublishFormat(commonTags: commonTags), step: .seconds(60))
                .bodies(measurements, timestampMillis: 60_000, batchSize: 300)
        )
        #expect(bodies.map(\.measurementCount) == [300, 300, 300, 100])
        var metrics: [[String: Any]] = []
        // Foundation's JSON parser rounds some doubles differently from strtod; read the numbers as
        // written, in order, with Double(String) (correctly rounded), and the structure with it.
        var values: [Double] = []
        for body in bodies {
            let text = String(decoding: body.body, as: UTF8.self)
            values += text.matches(of: /"value":([^}]+)\}/).map { Double(String($0.output.1))! }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.body)) as? [String: Any])
            #expect(object["tags"] as? [String: String] == ["nf.app": "app__quoted_", "nf.region": "_"])
            metrics += try #require(object["metrics"] as? [[String: Any]])
        }
        #expect(metrics.count == measurements.count)
        #expect(values.count == measurements.count)
        for ((measurement, metric), value) in zip(zip(measurements, metrics), values) {
            var expected = Dictionary(uniqueKeysWithValues: measurement.tags.map { ($0.key, $0.value) })
            expected["name"] = measurement.id.name
            expected["atlas.dstype"] = measurement.kind == .delta ? "rate" : "gauge"
            #expect(metric["tags"] as? [String: String] == expected)
            #expect(metric["timestamp"] as? Int == 60_000)
            #expect(value == (measurement.kind == .delta ? measurement.value / 60 : measurement.value))
        }
    }
}
