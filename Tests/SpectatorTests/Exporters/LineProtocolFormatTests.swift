import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("LineProtocolFormat")
struct LineProtocolFormatTests {
    let encoder = LineProtocolFormat(commonTags: [])

    func lines(_ registry: Registry) -> [String] {
        registry.collect().map(encoder.line).sorted()
    }

    @Test("every meter type and statistic, as exact lines")
    func everyMeterType() {
        let registry = Registry()
        let monotonic = registry.monotonicCounter("net.bytes")
        monotonic.set(10)
        _ = registry.collect()
        monotonic.set(15)
        registry.counter("server.requestCount", tags: ["status": "200"]).increment(by: 3)
        registry.timer("server.latency").record(.milliseconds(250))
        registry.timer("server.latency").record(.milliseconds(500))
        registry.distributionSummary("server.size").record(1024)
        registry.gauge("server.inFlight").set(7.5)
        registry.maxGauge("queue.depth").set(42)
        registry.percentileTimer("rpc.latency").record(.seconds(1))
        registry.percentileDistributionSummary("rpc.size").record(87)
        #expect(
            lines(registry) == [
                "c:net.bytes,statistic=count:5",
                "c:rpc.latency,percentile=T0083,statistic=percentile:1",
                "c:rpc.latency,statistic=count:1",
                "c:rpc.latency,statistic=totalOfSquares:1",
                "c:rpc.latency,statistic=totalTime:1",
                "c:rpc.size,percentile=D0019,statistic=percentile:1",
                "c:rpc.size,statistic=count:1",
                "c:rpc.size,statistic=totalAmount:87",
                "c:rpc.size,statistic=totalOfSquares:7569",
                "c:server.latency,statistic=count:2",
                "c:server.latency,statistic=totalOfSquares:0.3125",
                "c:server.latency,statistic=totalTime:0.75",
                "c:server.requestCount,statistic=count,status=200:3",
                "c:server.size,statistic=count:1",
                "c:server.size,statistic=totalAmount:1024",
                "c:server.size,statistic=totalOfSquares:1048576",
                "g:server.inFlight,statistic=gauge:7.5",
                "m:queue.depth,statistic=max:42",
                "m:rpc.latency,statistic=max:1",
                "m:rpc.size,statistic=max:87",
                "m:server.latency,statistic=max:0.5",
                "m:server.size,statistic=max:1024",
            ]
        )
    }

    @Test("numbers print shortest round-trip, integers without a decimal point")
    func numbers() {
        let id = MeterId("n")
        let cases: [(Double, String)] = [
            (1, "1"), (0.042, "0.042"), (1e-7, "1e-07"), (4e-10, "4e-10"), (-100.1, "-100.1"),
            (123_456_789_012, "123456789012"), (0.1 + 0.2, "0.30000000000000004"),
            (1.8446744073709552e19, "1.8446744073709552e+19"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        ]
        for (value, text) in cases {
            let line = encoder.line(MeterMeasurement(id: id, statistic: .gauge, value: value, kind: .gauge))
            #expect(line == "g:n,statistic=gauge:\(text)")
            #expect(ProtocolLine(line)?.value == value)
        }
    }

    @Test("common tags merge in key order; the meter's tags and the statistic override them")
    func commonTags() {
        let encoder = LineProtocolFormat(
            commonTags: CommonTags.sanitized(["nf.app": "api", "zone": "common", "statistic": "common", "a": "1"])
        )
        let id = MeterId("requests", tags: ["zone": "own", "b": "2"])
        let line = encoder.line(MeterMeasurement(id: id, statistic: .count, value: 1, kind: .delta))
        #expect(line == "c:requests,a=1,b=2,nf.app=api,statistic=count,zone=own:1")
    }

    @Test("datagrams hold whole lines joined by \\n, at most 60 KiB each")
    func packing() {
        // Lines of exactly 100 bytes: "c:" + a 96-byte name + ":1".
        let name = String(repeating: "x", count: 96)
        let measurements = (0..<1500).map { _ in
            MeterMeasurement(id: MeterId(name), statistic: nil, value: 1, kind: .delta)
        }
        let line = encoder.line(measurements[0])
        #expect(line.utf8.count == 100)
        let (datagrams, oversized) = LineDatagramExporter.datagrams(measurements, format: encoder)
        #expect(oversized == 0)
        // k lines take 100k + (k - 1) bytes: 608 lines = 61 407 fit in 61 440, 609 = 61 508 do not.
        #expect(datagrams.map(\.measurementCount) == [608, 608, 284])
        #expect(datagrams.allSatisfy { $0.bytes.count <= LineProtocolFormat.maxDatagramSize })
        #expect(datagrams[0].bytes.count == 608 * 100 + 607)
        for datagram in datagrams {
            let text = String(decoding: datagram.bytes, as: UTF8.self)
            #expect(text.split(separator: "\n").allSatisfy { $0 == line })
            #expect(!text.hasSuffix("\n"))
        }
    }

    @Test("a line longer than a datagram is left out and counted")
    func oversizedLine() {
        let tags = (0..<700).map { (key: "key\($0)", value: String(repeating: "v", count: 100)) }
        let huge = MeterMeasurement(id: MeterId("huge", tagPairs: tags), statistic: .count, value: 1, kind: .delta)
        let small = MeterMeasurement(id: MeterId("small"), statistic: .count, value: 1, kind: .delta)
        let (datagrams, oversized) = LineDatagramExporter.datagrams([small, huge, small], format: encoder)
        #expect(oversized == 1)
        #expect(datagrams.map(\.measurementCount) == [2])
        #expect(
            String(decoding: datagrams[0].bytes, as: UTF8.self)
                == "c:small,statistic=count:1\nc:small,statistic=count:1"
        )
    }

    @Test("every line parses by spectatord's rules")
    func grammar() {
        let registry = Registry()
        registry.counter(#"odd,name:with=chars"#, tags: ["k,:=\n": "v,:=\n", "🙂": "é"]).increment()
        registry.percentileTimer("t").record(.milliseconds(3))
        registry.gauge("g").set(-0.000001)
        let lines = lines(registry)
        #expect(lines.count == 7)
        for line in lines {
            #expect(ProtocolLine(line) != nil, "\(line)")
        }
        #expect(lines.contains("c:odd_name_with_chars,_=_,k____=v____,statistic=count:1"))
    }
}
