import Dispatch
import Synchronization
import Testing

@testable import Spectator

@Suite("HostResolver")
struct HostResolverTests {
    /// A `getaddrinfo` stand-in that counts its calls and, while `blocked`, waits for `release`.
    final class SlowLookUp: Sendable {
        let calls = Atomic<Int>(0)
        let blocked = Atomic<Bool>(true)
        let release = DispatchSemaphore(value: 0)

        func callAsFunction(
            _ name: String,
            _ port: UInt16,
            _ kind: Platform.SocketKind
        ) -> Result<[Platform.SocketAddress], Platform.CallFailure> {
            calls.add(1, ordering: .relaxed)
            if blocked.load(ordering: .relaxed) { release.wait() }
            return Platform.lookUp("127.0.0.1", port: port, kind: kind)
        }
    }

    static func deadline(in duration: Duration) -> Int64 {
        Platform.monotonicNanos() + duration.wholeNanoseconds
    }

    @Test("address literals, bracketed or not, resolve without a lookup")
    func literals() throws {
        let lookUp = SlowLookUp()
        for host in ["127.0.0.1", "::1", "[::1]"] {
            let resolver = HostResolver(host: host, port: 1234, kind: .datagram, getAddresses: lookUp.callAsFunction)
            let addresses = try resolver.resolve(deadline: Self.deadline(in: .zero)).get()
            #expect(addresses.count == 1)
        }
        #expect(lookUp.calls.load(ordering: .relaxed) == 0)
    }

    @Test(
        "a lookup slower than the deadline fails the call as timeout; the next call takes its answer, and only one runs"
    )
    func slowLookupIsBounded() throws {
        let lookUp = SlowLookUp()
        let resolver = HostResolver(
            host: "sidecar.example",
            port: 1234,
            kind: .stream,
            getAddresses: lookUp.callAsFunction
        )

        for _ in 0..<3 {
            let start = ContinuousClock.now
            let result = resolver.resolve(deadline: Self.deadline(in: .milliseconds(50)))
            #expect(throws: TransportFailure.self) { try result.get() }
            if case .failure(let failure) = result { #expect(failure.reason == .timeout) }
            #expect(ContinuousClock.now - start < .seconds(5))
        }
        // The lookup may not have started yet on a loaded machine; it never starts twice.
        #expect(lookUp.calls.load(ordering: .relaxed) <= 1)

        lookUp.blocked.store(false, ordering: .relaxed)
        lookUp.release.signal()
        let late = try resolver.resolve(deadline: Self.deadline(in: .seconds(10))).get()
        #expect(late.count == 1)
        #expect(lookUp.calls.load(ordering: .relaxed) == 1)

        let fresh = try resolver.resolve(deadline: Self.deadline(in: .seconds(10))).get()
        #expect(fresh.count == 1)
        #expect(lookUp.calls.load(ordering: .relaxed) == 2)
    }

    @Test("a name that does not resolve is a connection failure that names the host")
    func unknownName() {
        let resolver = HostResolver(host: "no-such-host.invalid", port: 1234, kind: .datagram)
        guard case .failure(let failure) = resolver.resolve(deadline: Self.deadline(in: .seconds(10))) else {
            Issue.record("no-such-host.invalid resolved")
            return
        }
        #expect(failure.reason == .connection)
        #expect(failure.detail.hasPrefix("cannot resolve no-such-host.invalid"))
    }
}
