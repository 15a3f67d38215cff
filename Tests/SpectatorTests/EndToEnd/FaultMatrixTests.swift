import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

/// Every sidecar fault of issue #6, each against a real peer on the loopback interface: a healthy
/// step, the fault for several steps while a thread records, then the first step after the fault.
@Suite("Fault matrix", .serialized)
struct FaultMatrixTests {
    enum Fault: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case udpNothingListening = "UDP, nothing listening"
        case unixSocketRemoved = "Unix socket removed, then recreated"
        case httpRefused = "HTTP connection refused"
        case httpSilent = "HTTP accepts and never answers"
        case httpSlowerThanStep = "HTTP answers after longer than a step"
        case http500 = "HTTP 500"
        case http503 = "HTTP 503"
        case http429 = "HTTP 429"
        case http429RetryAfter = "HTTP 429 with Retry-After: 0"
        case http400 = "HTTP 400 with errorCount"
        case http202Partial = "HTTP 202 partial"
        case httpGarbageBody = "HTTP 400 with a body that is not JSON"
        case httpNotHTTP = "an answer that is not HTTP"
        case http10MBBody = "HTTP 500 with a 10 MB body"

        var testDescription: String { rawValue }

        static let step = Duration.milliseconds(500)

        /// The `error` tag its drops are counted under.
        var reason: DropReason {
            switch self {
            case .udpNothingListening, .unixSocketRemoved, .httpRefused: .connection
            case .httpSilent, .httpSlowerThanStep: .timeout
            case .http500, .http503, .http429, .http429RetryAfter, .http10MBBody: .httpError
            case .http400, .http202Partial: .validation
            case .httpGarbageBody, .httpNotHTTP: .other
            }
        }

        /// Whether the fault drops a whole step. A partial answer drops only what it names, and
        /// UDP learns of each refusal one datagram late.
        var dropsWholeStep: Bool {
            self != .http202Partial && self != .udpNothingListening
        }

        func makeSidecar() -> any FaultySidecar {
            switch self {
            case .udpNothingListening: UDPSidecar()
            case .unixSocketRemoved: UnixSidecar()
            default: HTTPSidecar(faultAnswers: httpAnswers, step: Self.step)
            }
        }

        private var httpAnswers: [HTTPTestServer.Answer] {
            switch self {
            case .httpSilent: [.silence]
            case .httpSlowerThanStep: [.delayed(Self.step * 3, .status(200, body: "{}"))]
            case .http500: [.status(500, body: "boom")]
            case .http503: [.status(503)]
            case .http429: [.status(429)]
            case .http429RetryAfter: [.status(429, headers: ["Retry-After": "0"])]
            case .http400: [.status(400, body: #"{"type":"error","errorCount":100,"message":["bad"]}"#)]
            case .http202Partial: [.status(202, body: #"{"type":"partial","errorCount":1,"message":["bad"]}"#)]
            case .httpGarbageBody: [.status(400, body: "<html>gateway</html>")]
            case .httpNotHTTP: [.raw("SSH-2.0-OpenSSH_9.6\r\n\r\n")]
            case .http10MBBody: [.status(500, body: String(repeating: "x", count: 10_000_000))]
            default: []
            }
        }
    }

    @Test(
        "recording never waits, no step piles up, every drop is counted, and the first step after the fault is delivered",
        arguments: Fault.allCases
    )
    func fault(_ fault: Fault) {
        let sidecar = fault.makeSidecar()
        let log = LogLines()
        var configuration = SpectatorConfiguration(environment: [:], log: log.sink)
        configuration.outputLocation = sidecar.location
        configuration.step = Fault.step
        let registry = Registry(configuration: configuration)
        let output = ReportingExporter(Publisher.makeExporter(configuration, clock: SystemClock()))
        let publisher = Publisher(
            registry: registry,
            exporter: output,
            step: Fault.step,
            clock: SystemClock(),
            log: log.sink
        )
        let requests = registry.counter("requests")

        // A healthy step.
        requests.increment(by: 3)
        publisher.flush()
        #expect(sidecar.takeReceived()["requests,statistic=count"] == 3)
        #expect(output.takeSends().map(\.report.dropped) == [[:]])

        // The fault, while a thread records: publish until the loop has done chunks inside publishes
        // (at least 4 steps).
        sidecar.breakDown()
        let loop = RecordingLoop(counter: registry.counter("hot"))
        loop.start()
        let faultStart = ContinuousClock.now
        var sizes: [Int] = []
        while sizes.count < 4 || loop.chunksInsideAPublish < 10, ContinuousClock.now - faultStart < .seconds(60) {
            loop.publishing { publisher.flush() }
            sizes.append(registry.size)
            Thread.sleep(forTimeInterval: 0.01)  // steps 100 times faster than the default, not back to back
        }
        loop.stop()
        publisher.flush()  // the loop's last increments go in a failing step too
        let faultSends = output.takeSends()

        #expect(loop.chunksInsideAPublish >= 10, "recording went on while a publish was in flight")
        // Bounded: nothing grows, and no step carries more than one value per meter and the
        // publisher's own gauge, sent and dropped counts (nothing from earlier steps is resent).
        #expect(Set(sizes).count == 1)
        #expect(faultSends.allSatisfy { $0.measurementCount <= registry.size + 3 })
        for send in faultSends where fault != .udpNothingListening {
            #expect((send.report.dropped[fault.reason] ?? 0) > 0)
            if fault.dropsWholeStep {
                #expect(send.report == DeliveryReport(sent: 0, dropped: [fault.reason: send.measurementCount]))
            }
        }
        let droppedInFault = faultSends.reduce(0) { $0 + ($1.report.dropped[fault.reason] ?? 0) }
        #expect(droppedInFault > 0)
        _ = sidecar.takeReceived()

        // The first step after the fault.
        sidecar.mend()
        requests.increment(by: 7)
        publisher.flush()
        let recovery = output.takeSends()
        let received = sidecar.takeReceived()
        #expect(recovery.count == 1)
        #expect(recovery.first.map { $0.report.sent == $0.measurementCount } == true)
        #expect(received["requests,statistic=count"] == 7)
        #expect(received["hot,statistic=count"] == nil)
        let droppedKey = "spectator.measurements,error=\(fault.reason.rawValue),id=dropped,statistic=count"
        #expect(log.all.filter { $0.hasPrefix("publishing failed (\(fault.reason.rawValue))") }.count == 1)
        switch fault {
        case .udpNothingListening:
            // This step learned that the fault's last datagram was refused too, and puts the counts it
            // carried back: they arrive with the next step, which is clean.
            publisher.flush()
            let learnedLate = recovery.first?.report.dropped[fault.reason] ?? 0
            let next = sidecar.takeReceived()
            #expect((received[droppedKey] ?? 0) + (next[droppedKey] ?? 0) == Double(droppedInFault + learnedLate))
        case .http202Partial:
            // Each step went through, so its drops went out with the next one.
            #expect(received[droppedKey] == Double(faultSends.last?.report.dropped[fault.reason] ?? 0))
        default:
            // Steps that failed whole carried their drop counts over.
            #expect(received[droppedKey] == Double(droppedInFault))
        }
        #expect(log.all.last == "publishing recovered")
    }
}
