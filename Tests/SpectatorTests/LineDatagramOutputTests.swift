import Foundation
import Testing

@testable import Spectator

@Suite("LineDatagramOutput", .serialized)
struct LineDatagramOutputTests {
    static let measurements = [
        MeterMeasurement(id: MeterId("requests", tags: ["status": "200"]), statistic: .count, value: 3, kind: .delta),
        MeterMeasurement(id: MeterId("inFlight"), statistic: .gauge, value: 2, kind: .gauge),
    ]
    static let lines = "c:requests,statistic=count,status=200:3\ng:inFlight,statistic=gauge:2"

    func output(_ address: DatagramSocket.Address) -> LineDatagramOutput {
        LineDatagramOutput(encoder: LineProtocolEncoder(commonTags: []), transport: DatagramSocket(address))
    }

    @Test("UDP to an IPv4 literal, an IPv6 literal and a host name")
    func udp() {
        for (listener, host) in [
            (UDPListener(), "127.0.0.1"), (UDPListener(ipv6: true), "::1"), (UDPListener(), "localhost"),
        ] {
            let report = output(.udp(host: host, port: listener.port)).publish(Self.measurements, timestampMillis: 0)
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
            reports.append(output.publish(Self.measurements, timestampMillis: 0))
            Thread.sleep(forTimeInterval: 0.02)
        }
        let refused = DeliveryReport(sent: 2, dropped: [.connection: 2], previousDeliveryRefused: true)
        #expect(reports == [DeliveryReport(sent: 2, dropped: [:])] + Array(repeating: refused, count: 4))

        let listener = UDPListener(port: port)
        #expect(
            output.publish(Self.measurements, timestampMillis: 0)
                == DeliveryReport(sent: 2, dropped: [.connection: 2], previousDeliveryRefused: true)
        )
        #expect(listener.receive() == [Self.lines])
        #expect(output.publish(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener.receive() == [Self.lines])
    }

    @Test("an unresolvable host name is a connection drop")
    func unresolvable() {
        let report = output(.udp(host: "no-such-host.invalid", port: 1234)).publish(
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
            output.publish(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 0, dropped: [.connection: 2])
        )

        var listener: UnixDatagramListener? = UnixDatagramListener(path: path)
        #expect(output.publish(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener?.receive() == [Self.lines])

        listener = nil  // the sidecar goes away, its socket file with it
        #expect(output.publish(Self.measurements, timestampMillis: 0).dropped[.connection] == 2)

        listener = UnixDatagramListener(path: path)  // and comes back
        #expect(output.publish(Self.measurements, timestampMillis: 0) == DeliveryReport(sent: 2, dropped: [:]))
        #expect(listener?.receive() == [Self.lines])
    }

    @Test("many measurements arrive as several datagrams, each a whole set of lines")
    func manyDatagrams() {
        let listener = UDPListener()
        let measurements = (0..<5000).map {
            MeterMeasurement(id: MeterId("m", tags: ["i": String($0)]), statistic: .count, value: 1, kind: .delta)
        }
        let report = output(.udp(host: "127.0.0.1", port: listener.port)).publish(measurements, timestampMillis: 0)
        #expect(report.sent == 5000)
        let datagrams = listener.receive()
        #expect(datagrams.count > 1)
        #expect(datagrams.allSatisfy { $0.utf8.count <= 61_440 })
        let lines = datagrams.flatMap { $0.split(separator: "\n") }
        #expect(Set(lines).count == 5000)
        #expect(lines.allSatisfy { ProtocolLine(String($0)) != nil })
    }
}
