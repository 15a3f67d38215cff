import Foundation
import Synchronization
import Testing

@testable import Spectator

@Suite("Publisher under load", .serialized)
struct PublisherStressTests {
    @Test(
        "threads create and record while the publisher collects every 100 ms and stop() races with them: nothing is lost or counted twice"
    )
    func stopRacesWithRecording() {
        let output = MemoryOutput(capacity: 1_000_000)
        var configuration = SpectatorConfiguration(environment: [:], log: .discard)
        configuration.outputLocation = .memory(output)
        configuration.step = .milliseconds(100)
        let registry = Registry(configuration: configuration)
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.start()
        let perThread = 200_000
        let started = Atomic<Int>(0)
        let worker: @Sendable () -> Void = {
            let id = started.wrappingAdd(1, ordering: .relaxed).newValue
            let own = registry.counter("work", tags: ["thread": String(id)])
            for index in 0..<perThread {
                own.increment()
                registry.counter("shared").increment()
                registry.percentileTimer("latency", tags: ["bucket": String(index % 8)]).record(
                    nanoseconds: Int64(index)
                )
            }
        }
        let stopper: @Sendable () -> Void = {
            Thread.sleep(forTimeInterval: 0.3)
            publisher.stop()
        }
        runOnThreads([worker, worker, worker, stopper])
        publisher.flush()

        let counts = PublisherTests.totals(output.lines)
        #expect(counts["c:shared,statistic=count"] == Double(3 * perThread))
        for thread in 1...3 {
            #expect(counts["c:work,statistic=count,thread=\(thread)"] == Double(perThread))
        }
        let timed = (0..<8).reduce(0.0) { $0 + (counts["c:latency,bucket=\($1),statistic=count"] ?? 0) }
        #expect(timed == Double(3 * perThread))
    }
}
