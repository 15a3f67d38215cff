import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("LineDatagramExporter", .serialized)
struct LineDatagramExporterTests {
    static let measurements = [
        MeterMeasurement(id: MeterId("requests", tags: ["status": "200"]), statistic: .count, value: 3, kind: .delta),
        MeterMeasurement(id: MeterId("inFlight"), statistic: .gauge, value: 2, kind: .gauge),
    ]
    static let lines = "c:requests,statistic=count,status=200:3\ng:inFlight,statistic=gauge:2"

    func output(_ address: DatagramSocket.Address) -> LineDatagramExporter {
        LineDatagramExporter(format: LineProtocolFormat(commonTags: []), transport: DatagramSocket(address))
    }

    @Test("UDP to an IPv4 literal, an IPv6 literal and a host name")
    func udp() {
        for (listener, host) in [
            (UDPListener(), "127.0.0.1"), (UDPListener(ipv6: true), "::1"), (UDPListener(), "localhost"),
        ] {
            let report = output(.udp(host: host, port: listener.port)).export(Self.measurements, timestampMillis: 0)
            #expect(report == DeliveryReport(sent: 2, dropped: [:]))
            #expect(listener.receive() == [Self.lines])
        }
    }

    @Test(
        "UDP with nothing listening: each refusal, learned on the next send, is counted; the step after a listener appears is delivered"
    )
    func udpNothingListening() {
        let port = UDPListener().port  // bound, then closed: nothing listens there now
        let output = output(.udp(host: "127.0.0.1", port: port))
        var reports: [DeliveryReport] = []
        for _ in 0..<5 {
            reports.append(output.export(Self.measurements, timestampMillis: 0))
            Thread.sleep(forTimeInterval: 0.02)
        }
        let refused = DeliveryReport(sent: 2, dropped: [.connection: 2], previousDeliveryRefused: true)
        #expect(reports == [DeliveryReport(sent: 2, dropped: [:])] + Array(repeating: refused, count: 4))

        let listener = UDPListener(port: port)
        #expect(
            output.export(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 2, dropped: [.connection: 2], previousDeliveryRefused: true)
        )
        #expect(listener.receive() == [Self.lines])
        #expect(output.export(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener.receive() == [Self.lines])
    }

    @Test(
        "a Unix socket with a small send buffer: datagrams too large for it are split at line boundaries, every line arrives once, and the size is remembered"
    )
    func smallSendBuffer() {
        let listener = UnixDatagramListener()
        // Linux keeps a send buffer above its minimum (4 608 bytes) and takes datagrams of up to that
        // less 32 bytes; the encoder packs up to 60 KiB. The buffer also holds what the reader has not
        // read yet, so the listener reads while the step is sent.
        let socket = DatagramSocket(.unix(path: listener.path), sendBuffer: 2048)
        let output = LineDatagramExporter(format: LineProtocolFormat(commonTags: []), transport: socket)
        let measurements = (0..<1_000).map {
            MeterMeasurement(
                id: MeterId("requests", tags: ["index": String($0)]),
                statistic: .count,
                value: 1,
                kind: .delta
            )
        }
        let expected = Set(measurements.map { "c:requests,index=\($0.id.tags[0].value),statistic=count:1" })
        /// Publishes `measurements` while the listener reads; returns the report and the datagrams.
        func publishWhileReading(_ measurements: [MeterMeasurement]) -> (DeliveryReport, [String]) {
            let received = Locked<[String]>([])
            let done = DispatchSemaphore(value: 0)
            Thread {
                received.withLock { $0 = listener.receive(quiet: .milliseconds(500)) }
                done.signal()
            }.start()
            let report = output.export(measurements, timestampMillis: 0)
            done.wait()
            return (report, received.withLock { $0 })
        }
        for _ in 0..<2 {
            let (report, datagrams) = publishWhileReading(measurements)
            #expect(report == DeliveryReport(sent: 1_000, dropped: [:]))
            let lines = datagrams.flatMap { $0.split(separator: "\n").map(String.init) }
            #expect(lines.count == 1_000)
            #expect(Set(lines).count == 1_000 && Set(lines).isSubset(of: expected))
            #expect(datagrams.count > 8)
            #expect(datagrams.allSatisfy { $0.utf8.count <= 4_608 })
        }

        // A line longer than any datagram the socket takes is the only one dropped.
        let huge = MeterId(
            "huge",
            tagPairs: (0..<40).map { (key: "k\($0)", value: String(repeating: "v", count: 120)) }
        )
        let (report, datagrams) = publishWhileReading(
            measurements + [MeterMeasurement(id: huge, statistic: .count, value: 1, kind: .delta)]
        )
        #expect(report == DeliveryReport(sent: 1_000, dropped: [.oversized: 1]))
        #expect(datagrams.flatMap { $0.split(separator: "\n") }.count == 1_000)
    }

    @Test("an unresolvable host name is a connection drop")
    func unresolvable() {
        let report = output(.udp(host: "no-such-host.invalid", port: 1234)).export(
            Self.measurements,
            timestampMillis: 0
        )
        #expect(report == DeliveryReport(sent: 0, dropped: [.connection: 2]))
    }

    @Test("Unix datagram socket: delivered; a missing path is counted; a re-created socket is reached again")
    func unix() {
        let path = UnixDatagramListener.temporaryPath()
        let output = output(.unix(path: path))
        #expect(
            output.export(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 0, dropped: [.connection: 2])
        )

        var listener: UnixDatagramListener? = UnixDatagramListener(path: path)
        #expect(output.export(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener?.receive() == [Self.lines])

        listener = nil  // the sidecar goes away, its socket file with it
        #expect(output.export(Self.measurements, timestampMillis: 0).dropped[.connection] == 2)

        listener = UnixDatagramListener(path: path)  // and comes back
        #expect(output.export(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener?.receive() == [Self.lines])
    }

    @Test("many measurements arrive as several datagrams, each a whole set of lines")
    func manyDatagrams() {
        let listener = UDPListener()
        let measurements = (0..<5000).map {
            MeterMeasurement(id: MeterId("m", tags: ["i": String($0)]), statistic: .count, value: 1, kind: .delta)
        }
        let report = output(.udp(host: "127.0.0.1", port: listener.port)).export(measurements, timestampMillis: 0)
        #expect(report.sent == 5000)
        let datagrams = listener.receive()
        #expect(datagrams.count > 1)
        #expect(datagrams.allSatisfy { $0.utf8.count <= 61_440 })
        let lines = datagrams.flatMap { $0.split(separator: "\n") }
        #expect(Set(lines).count == 5000)
        #expect(lines.allSatisfy { ProtocolLine(String($0)) != nil })
    }
}
