import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("Process metrics")
struct ProcessMetricsTests {
    /// The probe's steps, by the deed each followed: its lines parsed, keyed `name` or
    /// `name,key=value` (the `statistic` tag left out).
    static func probeSteps() throws -> [String: [String: Double]] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("ProcessMetricsProbe")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "swift test builds the probe")
        let process = Process()
        let output = Pipe()
        process.executableURL = executable
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        var steps: [String: [String: Double]] = [:]
        var deed = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("== ") {
                deed = String(line.dropFirst(3))
                continue
            }
            let parsed = try #require(ProtocolLine(String(line)), "\(line)")
            let tags = parsed.tags.filter { $0.key != "statistic" }
            steps[deed, default: [:]][seriesKey(parsed.name, tags)] = parsed.value
        }
        return steps
    }

    @Test(
        "a real process, published as SpectatorD lines: descriptors, CPU time, threads, memory and the descriptor limit move as the process does"
    )
    func probe() throws {
        let steps = try Self.probeSteps()
        let baseline = try #require(steps["baseline"])
        let opened = try #require(steps["opened 20 descriptors"])
        let closed = try #require(steps["closed them"])
        let busy = try #require(steps.first { $0.key.hasPrefix("busy for 300 ms") }?.value)
        let parked = try #require(steps["parked 3 threads"])
        let touched = try #require(steps["touched 64 MiB"])

        #expect(opened["fh.allocated"]! == baseline["fh.allocated"]! + 20)
        #expect(closed["fh.allocated"]! == baseline["fh.allocated"]!)
        #expect(busy["swift.resource.time,mode=user"]! >= 0.2)
        #expect(parked["swift.threads"]! == busy["swift.threads"]! + 3)
        #expect(touched["swift.memory.resident"]! - parked["swift.memory.resident"]! >= 60 * 1_048_576)
        // Under ThreadSanitizer (CI's second pass sets SPECTATOR_TSAN=1) its own allocator serves malloc,
        // and glibc's counts do not move.
        if ProcessInfo.processInfo.environment["SPECTATOR_TSAN"] != "1" {
            #expect(touched["swift.malloc.inUse"]! - parked["swift.malloc.inUse"]! >= 64 * 1_048_576)
        }
        #expect(touched["swift.memory.virtual"]! >= touched["swift.memory.resident"]!)
        #expect(touched["swift.resource.maxResidentSetSize"]! >= touched["swift.memory.resident"]! * 0.9)
        #expect(touched["swift.resource.pageFaults,io.required=false"]! >= 16_000)  // 64 MiB of 4 KiB pages
        #expect(touched["swift.process.uptime"]! >= busy["swift.process.uptime"]!)

        let shell = Process()
        let limit = Pipe()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "ulimit -n"]
        shell.standardOutput = limit
        try shell.run()
        let ulimit = String(decoding: limit.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(baseline["fh.max"]! == Double(ulimit.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test("the first collection publishes the levels; running totals publish their growth from the second on")
    func firstCollection() {
        let registry = Registry()
        registry.registerProcessMetrics()
        registry.registerProcessMetrics()  // again: nothing changes
        let first = registry.collect()
        #expect(first.allSatisfy { $0.kind == .gauge })
        #expect(Set(first.map(\.id.name)).isSuperset(of: ["fh.allocated", "fh.max", "swift.threads"]))
        #expect(registry.size == ProcessMetric.allCases.count)
        var spin = 0.0
        for index in 0..<2_000_000 { spin += Double(index).squareRoot() }
        let second = registry.collect()
        #expect(spin > 0)
        #expect(second.contains { $0.id.name == "swift.resource.time" && $0.kind == .delta && $0.value > 0 })
    }

    @Test(
        "SPECTATOR_PROCESS_METRICS: true and 1 turn it on for a publisher, false and 0 leave it off, anything else is reported once"
    )
    func environment() {
        for (value, enabled) in [("true", true), ("TRUE", true), ("1", true), ("false", false), ("0", false)] {
            let configuration = SpectatorConfiguration(
                environment: ["SPECTATOR_PROCESS_METRICS": value, "SPECTATOR_OUTPUT_LOCATION": "none"],
                log: .discard
            )
            #expect(configuration.processMetrics == enabled)
            let registry = Registry(configuration: configuration)
            _ = Publisher(registry: registry, configuration: configuration)
            #expect((registry.size == ProcessMetric.allCases.count) == enabled)
        }
        let log = LogLines()
        let configuration = SpectatorConfiguration(
            environment: ["SPECTATOR_PROCESS_METRICS": "yes please"],
            log: log.sink
        )
        #expect(!configuration.processMetrics)
        #expect(log.all.count == 1)
        #expect(log.all.first?.contains("SPECTATOR_PROCESS_METRICS") == true)
    }

    @Test("read directly, every source answers on Linux: no source is reported as unreadable")
    func everySourceReads() {
        let log = LogLines()
        let sampler = ProcessSampler(log: log.sink)
        for metric in ProcessMetric.allCases {
            #expect(sampler.value(of: metric) != nil, "\(metric)")
        }
        #expect(log.all.isEmpty)
    }
}
