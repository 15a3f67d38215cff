import Foundation
import Testing

@testable import Spectator

@Suite("LineStreamExporter")
struct LineStreamExporterTests {
    @Test("a file gets one line per measurement, appended")
    func file() throws {
        let path = NSTemporaryDirectory() + "spectator-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = LineStreamExporter(
            format: LineProtocolFormat(commonTags: []),
            transport: StreamTransport(.file(path: path))
        )
        #expect(output.export(LineDatagramExporterTests.measurements, timestampMillis: 0).sent == 2)
        #expect(output.export(LineDatagramExporterTests.measurements, timestampMillis: 0).sent == 2)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == LineDatagramExporterTests.lines + "\n" + LineDatagramExporterTests.lines + "\n")
    }

    @Test("a file that cannot be opened counts the measurements as dropped")
    func unwritableFile() {
        let output = LineStreamExporter(
            format: LineProtocolFormat(commonTags: []),
            transport: StreamTransport(.file(path: "/nonexistent-directory/metrics.log"))
        )
        #expect(
            output.export(LineDatagramExporterTests.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.socket: 2])
        )
    }

    @Test("a pipe whose reader has gone: the write fails with EPIPE and counts a drop; no SIGPIPE ends the process")
    func closedPipe() throws {
        let path = NSTemporaryDirectory() + "spectator-\(UUID().uuidString.prefix(8)).fifo"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        // Close-on-exec: a child process another test starts meanwhile must not keep a reader open.
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        let output = LineStreamExporter(
            format: LineProtocolFormat(commonTags: []),
            transport: StreamTransport(.file(path: path))
        )
        #expect(output.export(LineDatagramExporterTests.measurements, timestampMillis: 0).sent == 2)
        close(reader)
        #expect(
            output.export(LineDatagramExporterTests.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.socket: 2])
        )
    }

    @Test("log lines to a standard error whose reader has gone: EPIPE, and the process goes on")
    func logToClosedPipe() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        #expect(Platform.writeToStandardError("spectator: lost\n", descriptor: ends[1]) == EPIPE)
        close(ends[1])
    }

    @Test("a memory output keeps lines up to its capacity and counts the rest")
    func memory() {
        let output = MemoryOutput(capacity: 3)
        let lines = LineStreamExporter(format: LineProtocolFormat(commonTags: []), transport: output)
        #expect(
            lines.export(LineDatagramExporterTests.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 2, dropped: [:])
        )
        #expect(
            lines.export(LineDatagramExporterTests.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 1, dropped: [.memoryFull: 1])
        )
        #expect(
            output.lines == [
                "c:requests,statistic=count,status=200:3", "g:inFlight,statistic=gauge:2",
                "c:requests,statistic=count,status=200:3",
            ]
        )
        #expect(output.removeAll().count == 3)
        #expect(output.lines.isEmpty)
    }
}
