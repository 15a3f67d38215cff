import Foundation
import Synchronization
import Testing

@testable import Spectator

@Suite("LongTaskTimer")
struct LongTaskTimerTests {
    @Test("publishes running tasks and their summed running time as gauges; stop returns the task's duration")
    func tasks() {
        let clock = ManualClock()
        let registry = Registry(clock: clock)
        let timer = registry.longTaskTimer("db.migration")
        let first = timer.start()
        clock.advance(by: .seconds(1))
        _ = timer.start()
        clock.advance(by: .seconds(2))
        #expect(
            stepLines(registry) == ["g:db.migration,statistic=activeTasks:2", "g:db.migration,statistic=duration:5"]
        )
        #expect(timer.stop(first) == .seconds(3))
        clock.advance(by: .milliseconds(500))
        #expect(timer.activeTasks == 1)
        #expect(timer.duration == .milliseconds(2500))
        #expect(
            stepLines(registry) == ["g:db.migration,statistic=activeTasks:1", "g:db.migration,statistic=duration:2.5"]
        )
    }

    @Test("threads starting and stopping 100 000 tasks each leave no task and no duration behind")
    func concurrent() {
        let registry = Registry()
        let timer = registry.longTaskTimer("jobs")
        let collected = Atomic<Int>(0)
        let worker: @Sendable () -> Void = {
            for _ in 0..<100_000 { timer.stop(timer.start()) }
        }
        let collector: @Sendable () -> Void = {
            for _ in 0..<200 {
                _ = registry.collect()
                collected.wrappingAdd(1, ordering: .relaxed)
            }
        }
        runOnThreads([worker, worker, collector])
        #expect(timer.activeTasks == 0)
        #expect(timer.duration == .zero)
        #expect(collected.load(ordering: .relaxed) == 200)
    }
}
