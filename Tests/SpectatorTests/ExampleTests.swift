import Foundation
import Testing

@Suite("SpectatorExample", .serialized)
struct ExampleTests {
    /// The example binary, built next to the test bundle by `swift test`.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "SpectatorExample"
        )
    }

    @Test("runs for 2 s against a UDP listener and sends counters, timer statistics and percentile buckets that parse")
    func publishesOverUDP() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.executable.path),
            "swift test builds the example"
        )
        let listener = UDPListener()
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--duration", "2", "--rate", "500"]
        process.environment = [
            "SPECTATOR_OUTPUT_LOCATION": "udp://127.0.0.1:\(listener.port)",
            "SPECTATOR_STEP": "500ms",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = listener.receive(quiet: .seconds(3)).flatMap { $0.split(separator: "\n").map(String.init) }
        process.waitUntilExit()
        let summary = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        #expect(process.terminationStatus == 0)
        #expect(summary.hasPrefix("summary: "))
        let parsed = lines.compactMap(ProtocolLine.init)
        #expect(parsed.count == lines.count)
        #expect(parsed.contains { $0.type == "c" && $0.name == "server.requestCount" && $0.tags["status"] == "200" })
        for statistic in ["count", "totalTime", "totalOfSquares"] {
            #expect(
                parsed.contains {
                    $0.type == "c" && $0.name == "server.requestLatency" && $0.tags["statistic"] == statistic
                }
            )
        }
        #expect(
            parsed.contains { $0.type == "m" && $0.name == "server.requestLatency" && $0.tags["statistic"] == "max" }
        )
        #expect(
            parsed.contains { $0.tags["statistic"] == "percentile" && $0.tags["percentile"]?.hasPrefix("T") == true }
        )
        #expect(parsed.contains { $0.type == "g" && $0.name == "server.inFlight" })
        #expect(parsed.contains { $0.type == "m" && $0.name == "server.queueDepth" })
        let requests = parsed.filter { $0.name == "server.requestCount" }.reduce(0) { $0 + $1.value }
        #expect(requests >= 900 && requests <= 1100)
    }

    @Test("rejects bad options with a clear message")
    func badOptions() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.executable.path),
            "swift test builds the example"
        )
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--rate", "banana"]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(
            String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("--rate wants")
        )
    }
}
