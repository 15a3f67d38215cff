import Foundation
import Testing

@testable import Spectator

@Suite("DatagramSender", .serialized)
struct DatagramSenderTests {
    static let measurements = [
        MeterMeasurement(id: MeterId("requests", tags: ["status": "200"]), statistic: .count, value: 3, kind: .delta),
        MeterMeasurement(id: MeterId("inFlight"), statistic: .gauge, value: 2, kind: .gauge),
    ]
    static let lines = "c:requests,statistic=count,status=200:3\ng:inFlight,statistic=gauge:2"

    func sender(_ address: DatagramSocket.Address) -> DatagramSender {
        DatagramSender(encoder: LineProtocolEncoder(commonTags: []), socket: DatagramSocket(address))
    }

    @Test("UDP to an IPv4 literal, an IPv6 literal and a host name")
    func udp() {
        for (listener, host) in [
            (UDPListener(), "127.0.0.1"), (UDPListener(ipv6: true), "::1"), (UDPListener(), "localhost"),
        ] {
            let report = sender(.udp(host: host, port: listener.port)).send(Self.measurements, timestampMillis: 0)
            #expect(report == DeliveryReport(sent: 2, dropped: [:]))
            #expect(listener.receive() == [Self.lines])
        }
    }

    @Test(
        "UDP with nothing listening: each refusal, learned on the next send, is counted; the step after a listener appears is delivered"
    )
    func udpNothingListening() {
        let port = UDPListener().port  // bound, then closed: nothing listens there now
        let sender = sender(.udp(host: "127.0.0.1", port: port))
        var report = DeliveryReport()
        for _ in 0..<5 {
            report.merge(sender.send(Self.measurements, timestampMillis: 0))
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(report == DeliveryReport(sent: 10, dropped: [.connection: 8], previousStepEndRefused: true))

        let listener = UDPListener(port: port)
        #expect(
            sender.send(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 2, dropped: [.connection: 2], previousStepEndRefused: true)
        )
        #expect(listener.receive() == [Self.lines])
        #expect(sender.send(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener.receive() == [Self.lines])
    }

    @Test("an unresolvable host name is a connection drop")
    func unresolvable() {
        let report = sender(.udp(host: "no-such-host.invalid", port: 1234)).send(Self.measurements, timestampMillis: 0)
        #expect(report == DeliveryReport(sent: 0, dropped: [.connection: 2]))
    }

    @Test("Unix datagram socket: delivered; a missing path is counted; a re-created socket is reached again")
    func unix() {
        let path = UnixDatagramListener.temporaryPath()
        let sender = sender(.unix(path: path))
        #expect(
            sender.send(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 0, dropped: [.connection: 2])
        )

        var listener: UnixDatagramListener? = UnixDatagramListener(path: path)
        #expect(sender.send(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener?.receive() == [Self.lines])

        listener = nil  // the sidecar goes away, its socket file with it
        #expect(sender.send(Self.measurements, timestampMillis: 0).dropped[.connection] == 2)

        listener = UnixDatagramListener(path: path)  // and comes back
        #expect(sender.send(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener?.receive() == [Self.lines])
    }

    @Test("many measurements arrive as several datagrams, each a whole set of lines")
    func manyDatagrams() {
        let listener = UDPListener()
        let measurements = (0..<5000).map {
            MeterMeasurement(id: MeterId("m", tags: ["i": String($0)]), statistic: .count, value: 1, kind: .delta)
        }
        let report = sender(.udp(host: "127.0.0.1", port: listener.port)).send(measurements, timestampMillis: 0)
        #expect(report.sent == 5000)
        let datagrams = listener.receive()
        #expect(datagrams.count > 1)
        #expect(datagrams.allSatisfy { $0.utf8.count <= 61_440 })
        let lines = datagrams.flatMap { $0.split(separator: "\n") }
        #expect(Set(lines).count == 5000)
        #expect(lines.allSatisfy { ProtocolLine(String($0)) != nil })
    }
}

@Suite("StreamSender and MemorySender")
struct StreamAndMemorySenderTests {
    @Test("a file gets one line per measurement, appended")
    func file() throws {
        let path = NSTemporaryDirectory() + "spectator-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sender = StreamSender(encoder: LineProtocolEncoder(commonTags: []), writer: StreamWriter(.file(path: path)))
        #expect(sender.send(DatagramSenderTests.measurements, timestampMillis: 0).sent == 2)
        #expect(sender.send(DatagramSenderTests.measurements, timestampMillis: 0).sent == 2)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == DatagramSenderTests.lines + "\n" + DatagramSenderTests.lines + "\n")
    }

    @Test("a file that cannot be opened counts the measurements as dropped")
    func unwritableFile() {
        let sender = StreamSender(
            encoder: LineProtocolEncoder(commonTags: []),
            writer: StreamWriter(.file(path: "/nonexistent-directory/metrics.log"))
        )
        #expect(
            sender.send(DatagramSenderTests.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 0, dropped: [.socket: 2])
        )
    }

    @Test("a pipe whose reader has gone: the write fails with EPIPE and counts a drop; no SIGPIPE ends the process")
    func closedPipe() throws {
        let path = NSTemporaryDirectory() + "spectator-\(UUID().uuidString.prefix(8)).fifo"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        let sender = StreamSender(encoder: LineProtocolEncoder(commonTags: []), writer: StreamWriter(.file(path: path)))
        #expect(sender.send(DatagramSenderTests.measurements, timestampMillis: 0).sent == 2)
        close(reader)
        #expect(
            sender.send(DatagramSenderTests.measurements, timestampMillis: 0)
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
        let sender = MemorySender(encoder: LineProtocolEncoder(commonTags: []), output: output)
        #expect(
            sender.send(DatagramSenderTests.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:])
        )
        #expect(
            sender.send(DatagramSenderTests.measurements, timestampMillis: 0)
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
