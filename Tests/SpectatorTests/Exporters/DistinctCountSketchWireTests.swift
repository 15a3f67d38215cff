import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("DistinctCountSketch on the wire")
struct DistinctCountSketchWireTests {
    /// A sketch that saw three values from the vectors: 42 (register 19, rank 1), "user-12345"
    /// (register 12, rank 2) and the bytes de ad be ef (register 40, rank 3).
    static func threeValues() -> [MeterMeasurement] {
        let registry = Registry()
        let sketch = registry.distinctCountSketch("server.distinctUsers", tags: ["endpoint": "login"])
        sketch.record(Int64(42))
        sketch.record("user-12345")
        sketch.record(bytes: [0xDE, 0xAD, 0xBE, 0xEF])
        return registry.collect()
    }

    /// Every Int64 in 0 ..< 100 000 recorded into one sketch: the vectors' `longs:0:100000` row.
    static func longs(_ registry: Registry = Registry()) -> Registry {
        let sketch = registry.distinctCountSketch("longs")
        for value in Int64(0)..<100_000 { sketch.record(value) }
        return registry
    }

    /// The register and rank SpectatorD takes from an `s:` line's hash (spectatord's
    /// `distinct_count_sketch.h`, Netflix-Skunkworks/spectatord#151): the low six bits, and one more
    /// than the leading zeros of the other 58.
    static func registerAndRank(_ hash: UInt64) -> (register: Int, rank: Int) {
        let rest = hash >> 6
        return (Int(hash & 63), rest == 0 ? 59 : rest.leadingZeroBitCount - 5)
    }

    /// Registers from `s:` lines, as the daemon would merge them (largest rank per register).
    static func registers(fromLines lines: [String]) -> [Int] {
        var registers = Array(repeating: 0, count: 64)
        for line in lines {
            let parsed = ProtocolLine(line)!
            #expect(parsed.type == "s")
            let (register, rank) = registerAndRank(parsed.unsignedValue!)
            registers[register] = max(registers[register], rank)
        }
        return registers
    }

    @Test(
        "SpectatorD lines: one s: line per register that saw a value, its hash the register's canonical one, byte for byte"
    )
    func lines() {
        let measurements = Self.threeValues()
        let lines = WireFormat.lineProtocol(measurements).map { String(decoding: $0, as: UTF8.self) }
        #expect(
            lines == [
                """
                s:server.distinctUsers,endpoint=login:4611686018427387916
                s:server.distinctUsers,endpoint=login:9223372036854775827
                s:server.distinctUsers,endpoint=login:2305843009213693992
                """
            ]
        )
        let withCommonTags = WireFormat.lineProtocol(measurements, commonTags: ["nf.app": "api"])
        #expect(
            withCommonTags.map { String(decoding: $0, as: UTF8.self) } == [
                """
                s:server.distinctUsers,endpoint=login,nf.app=api:4611686018427387916
                s:server.distinctUsers,endpoint=login,nf.app=api:9223372036854775827
                s:server.distinctUsers,endpoint=login,nf.app=api:2305843009213693992
                """
            ]
        )
        var expected = Array(repeating: 0, count: 64)
        (expected[12], expected[19], expected[40]) = (2, 1, 3)
        #expect(Self.registers(fromLines: lines[0].split(separator: "\n").map(String.init)) == expected)
    }

    @Test("Atlas publish JSON: each register a gauge tagged distinct and statistic=distinct, byte for byte")
    func atlas() {
        let bodies = WireFormat.atlasPublish(
            Self.threeValues(),
            commonTags: ["nf.app": "api"],
            timestampMillis: 1_700_000_060_000,
            step: .seconds(60)
        )
        let metric = { (register: String, rank: Int) in
            #"{"tags":{"name":"server.distinctUsers","distinct":""# + register
                + #"","endpoint":"login","statistic":"distinct","atlas.dstype":"gauge"},"timestamp":1700000060000,"value":"#
                + "\(rank)}"
        }
        let expected =
            #"{"tags":{"nf.app":"api"},"metrics":["#
            + [metric("R0C", 2), metric("R13", 1), metric("R28", 3)]
            .joined(separator: ",") + "]}"
        #expect(bodies.map { String(decoding: $0, as: UTF8.self) } == [expected])
    }

    @Test("aggregator JSON: each register with operation MAX (10), byte for byte")
    func aggregator() {
        let bodies = WireFormat.aggregatorUpdate(Self.threeValues(), commonTags: ["nf.app": "api"])
        let table =
            #"11,"R0C","R13","R28","api","distinct","endpoint","login","name","nf.app","server.distinctUsers","statistic""#
        let rows = ["5,7,9,4,0,5,6,8,3,10,4,10,2", "5,7,9,4,1,5,6,8,3,10,4,10,1", "5,7,9,4,2,5,6,8,3,10,4,10,3"]
        #expect(
            bodies.map { String(decoding: $0, as: UTF8.self) } == [
                "[" + table + "," + rows.joined(separator: ",") + "]"
            ]
        )
    }

    @Test("the 0 ..< 100 000 sketch publishes exactly the longs row's registers in all three formats")
    func longsOnEveryFormat() throws {
        let measurements = Self.longs().collect()
        #expect(measurements.count == 64)

        let lines = WireFormat.lineProtocol(measurements).flatMap {
            String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(lines.count == 64)
        #expect(Self.registers(fromLines: lines) == SketchTestVectors.longsRegisters)

        let atlasBody = try #require(
            WireFormat.atlasPublish(measurements, timestampMillis: 1_700_000_060_000, step: .seconds(60)).first
        )
        let json = try #require(try JSONSerialization.jsonObject(with: Data(atlasBody)) as? [String: Any])
        var fromAtlas = Array(repeating: 0, count: 64)
        for metric in try #require(json["metrics"] as? [[String: Any]]) {
            let tags = try #require(metric["tags"] as? [String: String])
            #expect(tags["atlas.dstype"] == "gauge" && tags["statistic"] == "distinct")
            fromAtlas[Int(tags["distinct"]!.dropFirst(), radix: 16)!] = metric["value"] as! Int
        }
        #expect(fromAtlas == SketchTestVectors.longsRegisters)

        let aggregatorBody = try #require(WireFormat.aggregatorUpdate(measurements).first)
        var fromAggregator = Array(repeating: 0, count: 64)
        for (tags, operationAndValue) in AggregatorUpdateFormatTests.decode(aggregatorBody) {
            #expect(operationAndValue[0] == Double(AggregatorUpdateFormat.maxOperation))
            fromAggregator[Int(tags["distinct"]!.dropFirst(), radix: 16)!] = Int(operationAndValue[1])
        }
        #expect(fromAggregator == SketchTestVectors.longsRegisters)
    }

    @Test("published by a Publisher over a real UDP socket: the s: lines carry the longs row's registers")
    func overUDP() {
        let listener = UDPListener()
        var configuration = SpectatorConfiguration(environment: [:], log: .discard)
        configuration.outputLocation = .udp(host: "127.0.0.1", port: listener.port)
        let registry = Self.longs(Registry(configuration: configuration))
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.flush()
        let lines = listener.receive().flatMap { $0.split(separator: "\n").map(String.init) }
        let sketchLines = lines.filter { $0.hasPrefix("s:longs:") }
        #expect(sketchLines.count == 64)
        #expect(Self.registers(fromLines: sketchLines) == SketchTestVectors.longsRegisters)
    }
}
