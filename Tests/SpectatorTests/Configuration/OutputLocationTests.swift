import Foundation
import Testing

@testable import Spectator

@Suite("OutputLocation")
struct OutputLocationTests {
    @Test("parses every form SPECTATOR_OUTPUT_LOCATION takes")
    func parsing() {
        #expect(OutputLocation(parsing: "none") == OutputLocation.none)
        #expect(OutputLocation(parsing: "stdout") == .stdout)
        #expect(OutputLocation(parsing: "console") == .console)
        #expect(OutputLocation(parsing: "stderr") == .stderr)
        #expect(OutputLocation(parsing: "udp") == .udp(host: "127.0.0.1", port: 1234))
        #expect(OutputLocation(parsing: "unix") == .unix(path: "/run/spectatord/spectatord.unix"))
        #expect(OutputLocation(parsing: "udp://10.0.0.5:8125") == .udp(host: "10.0.0.5", port: 8125))
        #expect(OutputLocation(parsing: "udp://[::1]:1234") == .udp(host: "::1", port: 1234))
        #expect(OutputLocation(parsing: "udp://localhost:1234") == .udp(host: "localhost", port: 1234))
        #expect(OutputLocation(parsing: "unix:///tmp/s.sock") == .unix(path: "/tmp/s.sock"))
        #expect(OutputLocation(parsing: "file:///var/log/metrics.log") == .file(path: "/var/log/metrics.log"))
        #expect(
            OutputLocation(parsing: "http://localhost:7101/api/v1/publish")
                == .http(HTTPEndpoint(parsing: "http://localhost:7101/api/v1/publish")!)
        )
        if case .memory = OutputLocation(parsing: "memory") {} else { Issue.record("memory did not parse") }
    }

    @Test(
        "rejects what it cannot use",
        arguments: [
            "", "udp://", "udp://:1234", "udp://host:0", "udp://[::1]", "udp://a:b:1", "unix://", "file://relative",
            "http://", "ftp://x", "UDP",
        ]
    )
    func rejects(text: String) {
        #expect(OutputLocation(parsing: text) == nil)
    }

    @Test("descriptions round-trip")
    func descriptions() {
        for text in [
            "udp://127.0.0.1:1234", "udp://[::1]:1234", "unix:///tmp/s.sock", "file:///tmp/m.log", "stdout", "console",
            "none",
            "http://h:1/api/v4/update",
        ] {
            #expect(OutputLocation(parsing: text)?.description == text)
        }
    }
}
