import Foundation
import SpectatorTestSupport
import Synchronization

@testable import Spectator

/// A sidecar on the loopback interface that a test can break and mend.
protocol FaultySidecar: Sendable {
    var location: OutputLocation { get }
    /// Starts the fault; the sidecar is healthy until then.
    func breakDown()
    /// Ends the fault.
    func mend()
    /// Values received since the last call, summed by ``MeterMeasurement/key`` (`name,k=v,…`, tags sorted).
    func takeReceived() -> [String: Double]
}

/// SpectatorD on UDP; the fault is nothing listening on its port.
final class UDPSidecar: FaultySidecar {
    private let listener = Locked<UDPListener?>(UDPListener())
    private let port: UInt16

    init() {
        port = listener.withLock { $0?.port ?? 0 }
    }

    var location: OutputLocation { .udp(host: "127.0.0.1", port: port) }
    func breakDown() { listener.withLock { $0 = nil } }
    func mend() { listener.withLock { $0 = UDPListener(port: port) } }

    func takeReceived() -> [String: Double] {
        lineTotals(listener.withLock { $0?.receive() ?? [] })
    }
}

/// SpectatorD on a Unix datagram socket; the fault is its socket file gone.
final class UnixSidecar: FaultySidecar {
    private let path = UnixDatagramListener.temporaryPath()
    private let listener = Locked<UnixDatagramListener?>(nil)

    init() {
        mend()
    }

    var location: OutputLocation { .unix(path: path) }
    func breakDown() { listener.withLock { $0 = nil } }
    func mend() { listener.withLock { $0 = UnixDatagramListener(path: path) } }

    func takeReceived() -> [String: Double] {
        lineTotals(listener.withLock { $0?.receive() ?? [] })
    }
}

/// An Atlas publish endpoint; the fault is `answers`, or with none, nothing listening on its port.
final class HTTPSidecar: FaultySidecar {
    private let server: Locked<HTTPTestServer>
    private let faultAnswers: [HTTPTestServer.Answer]
    private let port: UInt16
    private let step: Duration

    init(faultAnswers: [HTTPTestServer.Answer], step: Duration) {
        let server = HTTPTestServer(answers: [.status(200, body: "{}")])
        self.server = Locked(server)
        self.faultAnswers = faultAnswers
        self.port = server.port
        self.step = step
    }

    deinit {
        server.withLock { $0.stop() }
    }

    var location: OutputLocation { .http(HTTPEndpoint(parsing: "http://127.0.0.1:\(port)/api/v1/publish")!) }

    func breakDown() {
        server.withLock { server in
            if faultAnswers.isEmpty { server.stop() } else { server.answer(with: faultAnswers) }
        }
    }

    func mend() {
        server.withLock { server in
            if faultAnswers.isEmpty {
                server = HTTPTestServer(answers: [.status(200, body: "{}")], port: port)
            } else {
                server.answer(with: [.status(200, body: "{}")])
            }
        }
    }

    /// Requests the server received, whatever it answered.
    func takeRequests() -> [HTTPTestServer.Request] {
        server.withLock { $0.takeRequests() }
    }

    /// The values of the requests received since the last call, rates turned back into counts.
    func takeReceived() -> [String: Double] {
        let stepSeconds = Double(step.wholeNanoseconds) / 1e9
        var totals: [String: Double] = [:]
        for request in takeRequests() {
            for (tags, value, isRate) in atlasMetrics(request.body) {
                let key = seriesKey(tags["name"] ?? "", tags.filter { $0.key != "name" && $0.key != "atlas.dstype" })
                totals[key, default: 0] += isRate ? value * stepSeconds : value
            }
        }
        return totals
    }
}

/// Sums line-protocol values by `name,k=v,…` (tags sorted).
private func lineTotals(_ datagrams: [String]) -> [String: Double] {
    var totals: [String: Double] = [:]
    for line in datagrams.flatMap({ $0.split(separator: "\n") }) {
        guard let parsed = ProtocolLine(String(line)) else { continue }
        totals[seriesKey(parsed.name, parsed.tags), default: 0] += parsed.value
    }
    return totals
}

/// The metrics of an Atlas publish body: tags, value, and whether the value is a rate.
private func atlasMetrics(_ body: String) -> [(tags: [String: String], value: Double, isRate: Bool)] {
    guard let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
        let metrics = json["metrics"] as? [[String: Any]]
    else { return [] }
    return metrics.compactMap { metric in
        guard let tags = metric["tags"] as? [String: String], let value = metric["value"] as? Double else { return nil }
        return (tags, value, tags["atlas.dstype"] == "rate")
    }
}

/// Wraps an exporter and keeps, for each step, how many measurements it took and what became of them.
/// It collects the step itself, then hands the wrapped exporter the measurements it counted.
final class ReportingExporter: Exporter {
    struct Send: Sendable {
        let measurementCount: Int
        let report: DeliveryReport
    }

    private let wrapped: any Exporter
    private let sends = Locked<[Send]>([])

    init(_ wrapped: any Exporter) {
        self.wrapped = wrapped
    }

    func export(_ step: StepMeasurements) -> DeliveryReport {
        let collected = step.collected()
        let report = wrapped.export(collected, timestampMillis: step.timestampMillis)
        sends.withLock { $0.append(Send(measurementCount: collected.count, report: report)) }
        return report
    }

    func shutdown() {
        wrapped.shutdown()
    }

    /// The steps since the last call.
    func takeSends() -> [Send] {
        sends.withLock { sends in
            defer { sends.removeAll() }
            return sends
        }
    }
}

/// Increments a counter in a loop on its own thread, in chunks, and counts the chunks that began
/// and ended inside one and the same publish: proof that recording went on while publishing was
/// stuck in a fault.
final class RecordingLoop: Sendable {
    static let chunk = 1_000

    private let counter: Counter
    /// Odd while a publish is in flight; every publish adds 2.
    private let publishEpoch = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let chunks = Atomic<Int>(0)
    private let chunksInsidePublish = Atomic<Int>(0)

    init(counter: Counter) {
        self.counter = counter
    }

    var chunksInsideAPublish: Int { chunksInsidePublish.load(ordering: .relaxed) }

    func start() {
        let thread = Thread { [self] in
            while !stopRequested.load(ordering: .relaxed) {
                let before = publishEpoch.load(ordering: .acquiring)
                for _ in 0..<Self.chunk { counter.increment() }
                chunks.add(1, ordering: .relaxed)
                if before & 1 == 1 && publishEpoch.load(ordering: .acquiring) == before {
                    chunksInsidePublish.add(1, ordering: .relaxed)
                }
            }
            finished.signal()
        }
        thread.start()
    }

    /// Runs `publish`, marking it in flight for the loop.
    func publishing(_ publish: () -> Void) {
        publishEpoch.add(1, ordering: .releasing)
        publish()
        publishEpoch.add(1, ordering: .releasing)
    }

    func stop() {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
    }
}
