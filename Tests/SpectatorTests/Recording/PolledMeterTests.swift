import Foundation
import Synchronization
import Testing

@testable import Spectator

/// Something a polled meter samples.
private final class Pool: Sendable {
    let size = Atomic<Int>(0)
    let bytesSent = Atomic<Int>(0)
}

@Suite("PolledMeter")
struct PolledMeterTests {
    @Test("a polled gauge samples its object at each collection; once the object is gone it stops and is removed")
    func gauge() {
        let registry = Registry()
        var pool: Pool? = Pool()
        registry.polledGauge("db.pool.size", tags: ["db": "users"], of: pool!) {
            Double($0.size.load(ordering: .relaxed))
        }
        pool?.size.store(7, ordering: .relaxed)
        #expect(stepLines(registry) == ["g:db.pool.size,db=users,statistic=gauge:7"])
        pool?.size.store(9, ordering: .relaxed)
        #expect(stepLines(registry) == ["g:db.pool.size,db=users,statistic=gauge:9"])
        #expect(registry.size == 1)
        pool = nil
        #expect(stepLines(registry).isEmpty)
        #expect(registry.size == 0)
        #expect(registry.lookupEntryCount == 0)
    }

    @Test("a polled monotonic counter publishes the growth of its samples; the first sample is the baseline")
    func monotonicCounter() {
        let registry = Registry()
        let pool = Pool()
        registry.polledMonotonicCounter("net.bytesSent", of: pool) { Double($0.bytesSent.load(ordering: .relaxed)) }
        pool.bytesSent.store(100, ordering: .relaxed)
        #expect(stepLines(registry).isEmpty)
        pool.bytesSent.store(250, ordering: .relaxed)
        #expect(stepLines(registry) == ["c:net.bytesSent,statistic=count:150"])
        #expect(stepLines(registry).isEmpty)
        withExtendedLifetime(pool) {}
    }

    @Test("sampling runs on the thread that collects, never on the one that registered")
    func samplingThread() {
        let registry = Registry()
        let pool = Pool()
        let samplingThreads = Locked<[UInt64]>([])
        registry.polledGauge("threads", of: pool) { _ in
            samplingThreads.withLock { $0.append(Platform.currentThreadID()) }
            return 1
        }
        #expect(samplingThreads.withLock { $0 }.isEmpty)
        let collectingThread = Locked<UInt64>(0)
        runOnThreads([
            {
                collectingThread.withLock { $0 = Platform.currentThreadID() }
                _ = registry.collect()
            }
        ])
        #expect(samplingThreads.withLock { $0 } == [collectingThread.withLock { $0 }])
        #expect(Platform.currentThreadID() != collectingThread.withLock { $0 })
        withExtendedLifetime(pool) {}
    }
}
