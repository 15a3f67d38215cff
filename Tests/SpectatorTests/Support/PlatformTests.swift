import SpectatorTestSupport
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

    @Test(
        "socket calls answer in the platform's words: refused is unreachable, a datagram past 64 KiB too large, a silent peer timed out"
    )
    func socketFailures() throws {
        let listener = UDPListener()
        let addresses = try Platform.lookUp("127.0.0.1", port: listener.port, kind: .stream).get()
        let soon = Platform.monotonicNanos() + 2_000_000_000
        // Nothing listens for TCP on the UDP listener's port.
        guard case .failure(let refused) = Platform.openConnection(to: addresses, kind: .stream, deadline: soon) else {
            Issue.record("a TCP connection to port \(listener.port) was accepted")
            return
        }
        #expect(refused.kind == .unreachable)
        #expect(refused.detail.hasPrefix("connect: "))

        let datagram = try Platform.lookUp("127.0.0.1", port: listener.port, kind: .datagram).get()
        let fd = try Platform.openConnection(to: datagram, kind: .datagram, deadline: soon).get()
        defer { Platform.closeDescriptor(fd) }
        let tooLarge = [UInt8](repeating: 0x61, count: 70_000).withUnsafeBytes { Platform.sendDatagram($0, on: fd) }
        #expect(tooLarge?.kind == .tooLarge)
        #expect(tooLarge?.detail.hasPrefix("send: ") == true)

        let start = Platform.monotonicNanos()
        guard case .failure(let silent) = Platform.receive(on: fd, upTo: 16, deadline: start + 50_000_000) else {
            Issue.record("a datagram arrived from a listener that sends nothing")
            return
        }
        #expect(silent.kind == .timedOut)
        #expect(Platform.monotonicNanos() - start >= 50_000_000)

        guard case .failure(let longPath) = Platform.unixAddress("/tmp/" + String(repeating: "s", count: 200)) else {
            Issue.record("a 205-byte socket path fit sun_path")
            return
        }
        #expect(longPath.kind == .unreachable)
    }
}
