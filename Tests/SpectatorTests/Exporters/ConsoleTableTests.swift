import Foundation
import Testing

@testable import Spectator

@Suite("ConsoleTable")
struct ConsoleTableTests {
    /// 22:13:25 UTC, at the end of a 5 s step.
    static let timestampMillis: Int64 = 1_700_000_005_000

    @Test("one row per meter, sorted, with exact counts, rates, means, maxima, percentiles and values")
    func exactTable() {
        let registry = Registry()
        registry.counter("server.requestCount", tags: ["status": "200"]).increment(by: 10)
        let latency = registry.timer("db.latency")
        latency.record(.milliseconds(10))
        latency.record(.milliseconds(30))
        let requests = registry.percentileTimer("server.requestLatency")
        for _ in 0..<100 { requests.record(.milliseconds(10)) }
        let sizes = registry.distributionSummary("server.responseSize")
        sizes.record(100)
        sizes.record(300)
        registry.gauge("pool.size").set(8)
        registry.maxGauge("queue.depth").set(12)
        registry.ageGauge("lastSuccess").set(secondsSince1970: 1_700_000_005 - 90)
        let wide = String(repeating: "w", count: 60)
        registry.counter(wide, tags: ["key": String(repeating: "v", count: 70)]).increment()
        var measurements = registry.collect()
        measurements.append(
            MeterMeasurement(
                id: MeterId("spectator.measurements", tags: ["id": "sent"]),
                statistic: .count,
                value: 42,
                kind: .delta
            )
        )
        measurements.append(
            MeterMeasurement(
                id: MeterId("spectator.measurements", tags: ["id": "dropped", "error": "connection"]),
                statistic: .count,
                value: 3,
                kind: .delta
            )
        )
        measurements.append(
            MeterMeasurement(id: MeterId("spectator.registrySize"), statistic: .gauge, value: 9, kind: .gauge)
        )

        // The percentile timer's 100 durations of 10 ms all fall in the bucket 9.79 ms … 11.18 ms, and
        // Atlas interpolates inside it: p50 halfway (10.48 ms), p90 11.04 ms, p99 11.17 ms. The wide
        // name and tags are cut to 48 and 56 characters, the last one `…`.
        let text = ConsoleTable.text(measurements, timestampMillis: Self.timestampMillis, step: .seconds(5))
        let wideName = String(repeating: "w", count: 47) + "…"
        let wideTags = "key=" + String(repeating: "v", count: 51) + "…"
        let expected = """
            step ending 22:13:25 UTC (5.00s): 8 meters
            NAME                                              TAGS                                                      COUNT  RATE/S    MEAN     MAX     P50     P90     P99   VALUE
            db.latency                                                                                                      2   0.400  20.0ms  30.0ms
            lastSuccess                                                                                                                                                        90.00s
            pool.size                                                                                                                                                               8
            queue.depth                                                                                                                                                            12
            server.requestCount                               status=200                                                   10       2
            server.requestLatency                                                                                         100      20  10.0ms  10.0ms  10.5ms  11.0ms  11.2ms
            server.responseSize                                                                                             2   0.400     200     300
            \(wideName)  \(wideTags)      1   0.200
            publisher, the step before: 42 sent, 3 dropped (connection 3); the registry holds 9 meters

            """
        #expect(text == expected)
    }

    @Test(
        "a name's rows show what sets them apart; the tags they share are shown once, above them, and widen no column"
    )
    func sharedTags() {
        let registry = Registry()
        let owner = "owner=" + String(repeating: "o", count: 80)
        for (status, count) in [("200", 7.0), ("503", 2.0)] {
            registry.counter("ipc.server.call", tags: ["owner": String(owner.dropFirst(6)), "http.status": status])
                .increment(by: count)
        }
        registry.counter("server.requestCount", tags: ["status": "200"]).increment(by: 5)
        let text = ConsoleTable.text(registry.collect(), timestampMillis: Self.timestampMillis, step: .seconds(5))
        let expected = """
            step ending 22:13:25 UTC (5.00s): 3 meters
            NAME                 TAGS             COUNT  RATE/S  MEAN  MAX  P50  P90  P99  VALUE
            ipc.server.call      every row: \(owner)
            ipc.server.call      http.status=200      7    1.40
            ipc.server.call      http.status=503      2   0.400
            server.requestCount  status=200           5       1
            publisher, the step before: 0 sent, 0 dropped

            """
        #expect(text == expected)
    }

    @Test("numbers and durations are short: whole numbers bare, three significant digits, the unit that suits")
    func numbers() {
        #expect(ConsoleNumber.format(1234) == "1234")
        #expect(ConsoleNumber.format(12.345) == "12.3")
        #expect(ConsoleNumber.format(658_947.4) == "658947")
        #expect(ConsoleNumber.format(0.25) == "0.250")
        #expect(ConsoleNumber.format(-1.5) == "-1.50")
        #expect(ConsoleNumber.format(1e20) == "1e+20")
        #expect(ConsoleNumber.duration(seconds: 1.25) == "1.25s")
        #expect(ConsoleNumber.duration(seconds: 0.0421) == "42.1ms")
        #expect(ConsoleNumber.duration(seconds: 0.0003105) == "310.5µs")
        #expect(ConsoleNumber.duration(seconds: 8e-7) == "800ns")
        #expect(ConsoleTable.clockTime(millis: 0) == "00:00:00")
        #expect(ConsoleTable.clockTime(millis: -1000) == "23:59:59")
    }

    @Test("the console output writes a step's table to its transport and counts every measurement as sent")
    func output() throws {
        let path = "/tmp/spectator-console-\(UInt64.random(in: 0...UInt64.max)).txt"
        defer { unlink(path) }
        let output = ConsoleExporter(transport: StreamTransport(.file(path: path)), step: .seconds(5))
        let report = output.export(
            [
                MeterMeasurement(id: MeterId("requests"), statistic: .count, value: 5, kind: .delta),
                MeterMeasurement(id: MeterId("inFlight"), statistic: .gauge, value: 2, kind: .gauge),
            ],
            timestampMillis: Self.timestampMillis
        )
        #expect(report == DeliveryReport(sent: 2, dropped: [:]))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            written == """
                step ending 22:13:25 UTC (5.00s): 2 meters
                NAME      TAGS  COUNT  RATE/S  MEAN  MAX  P50  P90  P99  VALUE
                inFlight                                                     2
                requests            5       1
                publisher, the step before: 0 sent, 0 dropped

                """
        )
    }

    @Test("a distinct-count sketch is one row whose value is its estimate, marked ≈")
    func sketchRow() {
        let registry = Registry()
        let users = registry.distinctCountSketch("server.distinctUsers")
        for value in Int64(0)..<100_000 { users.record(value) }
        let logins = registry.distinctCountSketch("server.distinctLogins", tags: ["endpoint": "login"])
        for name in ["alice", "bob", "carol"] { logins.record(name) }
        let measurements = registry.collect()
        #expect(measurements.count == 64 + 3)

        // 0 ..< 100 000 fills every register: HyperLogLog's estimate, 82 516.6, rounded. Three values
        // fill three registers: linear counting, 64 · ln(64 / 61) = 3.07.
        let text = ConsoleTable.text(measurements, timestampMillis: Self.timestampMillis, step: .seconds(5))
        #expect(
            text == """
                step ending 22:13:25 UTC (5.00s): 2 meters
                NAME                   TAGS            COUNT  RATE/S  MEAN  MAX  P50  P90  P99   VALUE
                server.distinctLogins  endpoint=login                                               ≈3
                server.distinctUsers                                                            ≈82517
                publisher, the step before: 0 sent, 0 dropped

                """
        )
    }
}
