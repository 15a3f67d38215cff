import Foundation
import Synchronization
import Testing

@testable import Spectator

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("threads recording 1 000 000 times each while another collects lose nothing and count nothing twice")
    func concurrentRecordingAndCollection() {
        let registry = Registry()
        let counter = registry.counter("requests")
        let timer = registry.timer("latency")
        let percentileTimer = registry.percentileTimer("latency.percentiles")
        let recorders = 3
        let recordsPerThread = 1_000_000
        let finished = Atomic<Int>(0)
        let collected = Locked<[MeterMeasurement]>([])

        let recorder: @Sendable () -> Void = {
            for _ in 0..<recordsPerThread {
                counter.increment()
                timer.record(.seconds(1))
                percentileTimer.record(.milliseconds(1))
            }
            finished.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
        let collector: @Sendable () -> Void = {
            var steps = 0
            while finished.load(ordering: .sequentiallyConsistent) < recorders {
                let step = registry.collect()
                collected.withLock { $0 += step }
                steps += 1
            }
            collected.withLock { $0 += registry.collect() }
        }
        runOnThreads(Array(repeating: recorder, count: recorders) + [collector])

        let total = Double(recorders * recordsPerThread)
        let measurements = collected.withLock { $0 }
        let values = measurements.values
        #expect(values["requests,statistic=count"] == total)
        #expect(values["latency,statistic=count"] == total)
        #expect(values["latency,statistic=totalTime"] == total)
        #expect(values["latency.percentiles,statistic=count"] == total)
        #expect(values["latency.percentiles,percentile=T0056,statistic=percentile"] == total)
        // Each step's total is whole nanoseconds divided by 1e9; summing them back in nanoseconds is exact.
        let percentileNanos = measurements.filter { $0.key == "latency.percentiles,statistic=totalTime" }
            .reduce(0) { $0 + Int64(($1.value * 1e9).rounded()) }
        #expect(percentileNanos == Int64(recorders * recordsPerThread) * 1_000_000)
        // A step can see a record's count before its maximum, so a step maximum is 0 or 1 second.
        let maxima = measurements.filter { $0.key == "latency,statistic=max" }.map(\.value)
        #expect(maxima.max() == 1)
        #expect(maxima.allSatisfy { $0 == 0 || $0 == 1 })
    }

    @Test("threads creating the same and different ids at once get one meter per id")
    func concurrentCreation() {
        let registry = Registry()
        let seen = Locked<[ObjectIdentifier]>([])
        let worker: @Sendable () -> Void = {
            var mine: [ObjectIdentifier] = []
            for index in 0..<20_000 {
                registry.counter("shared").increment()
                registry.counter("spread", tags: ["index": String(index % 500)]).increment()
                mine.append(ObjectIdentifier(registry.counter("shared")))
            }
            seen.withLock { $0 += mine }
        }
        runOnThreads(Array(repeating: worker, count: 4))
        #expect(Set(seen.withLock { $0 }).count == 1)
        #expect(registry.size == 501)
        let values = registry.collect().values
        #expect(values["shared,statistic=count"] == 80_000)
        #expect(values.filter { $0.key.hasPrefix("spread") }.values.reduce(0, +) == 80_000)
    }
}
