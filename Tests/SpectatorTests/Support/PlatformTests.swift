import Synchronization
import Testing

@testable import Spectator

@Suite("Platform")
struct PlatformTests {
    @Test("a semaphore signalled before the wait lets a wait through at once; an unsignalled one ends at its deadline")
    func signalAndDeadline() {
        let semaphore = Platform.Semaphore()
        semaphore.signal()
        #expect(semaphore.wait(until: Platform.monotonicNanos()))
        let start = Platform.monotonicNanos()
        #expect(!semaphore.wait(until: start + 50_000_000))
        #expect(Platform.monotonicNanos() - start >= 50_000_000)
    }

    @Test("a thread of its own runs the closure and signals back; the environment is the process's")
    func threadAndEnvironment() {
        let done = Platform.Semaphore()
        let ran = Atomic<Int>(0)
        #expect(
            Platform.startThread {
                ran.store(Int(Platform.currentThreadID() & 0xFFFF) | 0x10000, ordering: .relaxed)
                done.signal()
            }
        )
        #expect(done.wait(until: Platform.monotonicNanos() + 10_000_000_000))
        #expect(ran.load(ordering: .relaxed) != 0)
        #expect(Platform.environment()["PATH"] != nil)
        #expect(SpectatorConfiguration.processEnvironment == Platform.environment())
    }

    @Test("sleep waits at least as long as asked, and nothing for a negative time")
    func sleeping() {
        let start = Platform.monotonicNanos()
        Platform.sleep(nanoseconds: 20_000_000)
        #expect(Platform.monotonicNanos() - start >= 20_000_000)
        Platform.sleep(nanoseconds: -1)
    }
}
