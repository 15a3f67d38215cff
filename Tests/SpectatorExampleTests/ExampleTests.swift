import Foundation
import SpectatorTestSupport
import Testing

/// The shipped example, run as a user runs it: a real process, real signals, a real UDP listener.
@Suite("SpectatorExample", .serialized)
struct ExampleTests {
    /// The example binary, built next to the test bundle by `swift test`.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "SpectatorExample"
        )
    }

    /// A started example process with its output captured.
    struct Run {
        let process = Process()
        let output = Pipe()
        let error = Pipe()

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            try #require(
                FileManager.default.isExecutableFile(atPath: ExampleTests.executable.path),
                "swift test builds the example"
            )
            process.executableURL = ExampleTests.executable
            process.arguments = arguments
            process.environment = environment
            process.standardOutput = output
            process.standardError = error
            try process.run()
        }

        /// Waits for the process to end; returns its exit status, standard output and standard error.
        func finish() -> (status: Int32, output: String, error: String) {
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let reported = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, printed, reported)
        }

        /// Blocks until the example has printed its start-up line, which it does once its signal handlers
        /// are installed.
        func waitUntilStarted() -> String {
            var printed = ""
            while !printed.contains("\n") {
                let data = error.fileHandleForReading.availableData
                if data.isEmpty { break }
                printed += String(decoding: data, as: UTF8.self)
            }
            return printed
        }
    }

    /// The request count the summary line reports (`summary: 1234 requests in …`).
    static func summaryCount(_ output: String) -> Double? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("summary: ") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
    }

    /// Every parsed line the listener received, and the sum of the `ipc.server.call` count lines.
    static func published(_ datagrams: [String]) -> (lines: [ProtocolLine], requests: Double, unparsed: Int) {
        let lines = datagrams.flatMap { $0.split(separator: "\n").map(String.init) }
        let parsed = lines.compactMap(ProtocolLine.init)
        let requests = parsed.filter { $0.name == "ipc.server.call" && $0.tags["statistic"] == "count" }.reduce(0) {
            $0 + $1.value
        }
        return (parsed, requests, lines.count - parsed.count)
    }

    @Test(
        "runs for 2 s against a UDP listener: counters, timer statistics and percentile buckets that parse, and every request the summary counts"
    )
    func publishesOverUDP() throws {
        let listener = UDPListener()
        let run = try Run(
            ["--duration", "2", "--rate", "500"],
            environment: ["SPECTATOR_OUTPUT_LOCATION": "udp://127.0.0.1:\(listener.port)", "SPECTATOR_STEP": "500ms"]
        )
        let datagrams = listener.receive(quiet: .seconds(3))
        let result = run.finish()
        let published = Self.published(datagrams)

        #expect(result.status == 0)
        #expect(published.unparsed == 0)
        let parsed = published.lines
        let served = [
            "http.method": "get", "http.status": "200", "ipc.endpoint": "_users__id", "ipc.protocol": "http_1",
            "ipc.result": "success", "ipc.status": "success", "owner": "spectator-example",
        ]
        for statistic in ["count", "totalTime", "totalOfSquares"] {
            #expect(
                parsed.contains {
                    $0.type == "c" && $0.name == "ipc.server.call"
                        && $0.tags == served.merging(["statistic": statistic]) { $1 }
                }
            )
        }
        #expect(
            parsed.contains {
                $0.type == "c" && $0.name == "ipc.server.call" && $0.tags["http.status"] == "500"
                    && $0.tags["ipc.status"] == "unexpected_error" && $0.tags["ipc.result"] == "failure"
            }
        )
        #expect(
            parsed.contains { $0.type == "m" && $0.name == "ipc.server.call" && $0.tags["statistic"] == "max" }
        )
        #expect(
            parsed.contains {
                $0.name == "ipc.server.inflight" && $0.tags["statistic"] == "count"
                    && $0.tags["owner"] == "spectator-example"
            }
        )
        #expect(
            parsed.contains { $0.tags["statistic"] == "percentile" && $0.tags["percentile"]?.hasPrefix("T") == true }
        )
        #expect(parsed.contains { $0.type == "g" && $0.name == "server.inFlight" })
        #expect(parsed.contains { $0.type == "m" && $0.name == "server.queueDepth" })
        #expect(parsed.contains { $0.type == "s" && $0.name == "server.distinctUsers" })
        let summarized = try #require(Self.summaryCount(result.output))
        #expect(summarized > 0)
        #expect(published.requests == summarized)
    }

    @Test(
        "SIGINT and SIGTERM stop it cleanly: exit 0, the summary, and the last partial step published",
        arguments: [SIGINT, SIGTERM]
    )
    func stopsOnSignal(_ signalNumber: Int32) throws {
        let listener = UDPListener()
        // A one-hour step: the only step published is the partial one that stopping sends.
        let run = try Run(
            ["--rate", "1000"],
            environment: ["SPECTATOR_OUTPUT_LOCATION": "udp://127.0.0.1:\(listener.port)", "SPECTATOR_STEP": "1h"]
        )
        #expect(run.waitUntilStarted().contains("Ctrl-C stops"))
        Thread.sleep(forTimeInterval: 0.3)
        kill(run.process.processIdentifier, signalNumber)
        let result = run.finish()
        let published = Self.published(listener.receive(quiet: .seconds(1)))

        #expect(result.status == 0)
        #expect(run.process.terminationReason == .exit)
        let summarized = try #require(Self.summaryCount(result.output))
        #expect(summarized > 0)
        #expect(published.unparsed == 0)
        #expect(published.requests == summarized)
        #expect(published.lines.contains { $0.name == "ipc.server.call" && $0.tags["statistic"] == "totalTime" })
    }

    @Test("--help prints the options and the environment variables, and exits 0")
    func help() throws {
        for flag in ["--help", "-h"] {
            let result = try Run([flag]).finish()
            #expect(result.status == 0)
            for word in [
                "--duration", "--rate", "--workers", "--format", "SPECTATOR_OUTPUT_LOCATION", "SPECTATOR_STEP",
            ] {
                #expect(result.output.contains(word), "\(flag): \(word)")
            }
            #expect(result.error.isEmpty)
        }
    }

    @Test(
        "a bad command line gets an accurate message and exit 2",
        arguments: [
            (["--rate", "banana"], "--rate wants requests per second in (0, 10000000], not 'banana'"),
            (["--bogus"], "unknown option '--bogus'"),
            (["--bogus=1"], "unknown option '--bogus'"),
            (["extra"], "unexpected argument 'extra': this program takes only options"),
            (["--duration"], "--duration needs a value"),
            (["--duration=-1"], "--duration wants a positive number of seconds, not '-1'"),
            (["--workers", "0"], "--workers wants 1 to 256, not '0'"),
            (["--format", "xml"], "--format wants table or lines, not 'xml'"),
        ]
    )
    func badOptions(_ arguments: [String], _ message: String) throws {
        let result = try Run(arguments).finish()
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("SpectatorExample: \(message)\nusage: SpectatorExample"))
        #expect(result.output.isEmpty)
    }

    @Test("--name=value works like --name value")
    func inlineValues() throws {
        let result = try Run(
            ["--duration=0.2", "--rate=100", "--workers=1"],
            environment: [
                "SPECTATOR_OUTPUT_LOCATION": "none"
            ]
        ).finish()
        #expect(result.status == 0)
        #expect(result.error.contains("100.0 requests/s on 1 workers"))
        #expect(Self.summaryCount(result.output) != nil)
    }

    @Test("standard output piped: SpectatorD lines; --format table: a table per step, with the publisher's line")
    func outputFormats() throws {
        let lines = try Run(["--duration", "0.3", "--rate", "200"], environment: ["SPECTATOR_STEP": "1h"]).finish()
        #expect(lines.status == 0)
        let protocolLines = lines.output.split(separator: "\n").filter { !$0.hasPrefix("summary: ") }
        #expect(!protocolLines.isEmpty)
        #expect(protocolLines.allSatisfy { ProtocolLine(String($0)) != nil })

        let table = try Run(
            ["--duration", "0.3", "--rate", "200", "--format", "table"],
            environment: ["SPECTATOR_STEP": "1h"]
        )
        .finish()
        #expect(table.status == 0)
        let rows = table.output.split(separator: "\n")
        #expect(rows.first?.hasPrefix("step ending ") == true)
        #expect(rows.dropFirst().first?.hasPrefix("NAME ") == true)
        #expect(rows.contains { $0.hasPrefix("ipc.server.call ") && $0.contains("ipc.endpoint=_users__id") })
        #expect(rows.contains { $0.hasPrefix("server.distinctUsers ") && $0.contains("≈") })
        #expect(rows.contains { $0.hasPrefix("publisher, the step before: ") })
        #expect(!rows.contains { $0.hasPrefix("c:") })
    }
}
