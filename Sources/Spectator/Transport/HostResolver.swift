/// Resolves a receiver's host to socket addresses within a deadline.
///
/// An address literal (`127.0.0.1`, `::1`) is parsed once, without a lookup. A name is looked up
/// with `getaddrinfo` on every call, so a changed DNS answer is followed; `getaddrinfo` has no
/// timeout of its own, so the lookup runs on a thread of its own that the caller waits for until its
/// deadline (a thread, not a Dispatch worker: a blocked lookup must not hold one of the pool's
/// threads, nor wait for one to be free). A lookup that outlives the deadline fails the call as
/// `timeout` and finishes in the background; the next call takes its answer instead of starting
/// another, so at most one lookup per resolver is ever running.
final class HostResolver: Sendable {
    /// The host as given, perhaps a bracketed IPv6 literal.
    let host: String
    let port: UInt16
    /// The host as looked up.
    private let name: String
    let kind: Platform.SocketKind
    private let literal: [Platform.SocketAddress]?
    /// The lookup started and not yet taken by a caller.
    private let pending = Locked<PendingLookup?>(nil)
    private let getAddresses: GetAddresses

    /// `getaddrinfo`, or a stand-in in tests.
    typealias GetAddresses =
        @Sendable (String, UInt16, Platform.SocketKind) -> Result<[Platform.SocketAddress], Platform.CallFailure>

    /// One `getaddrinfo` call and its answer.
    private final class PendingLookup: Sendable {
        let answer = Locked<Result<[Platform.SocketAddress], TransportFailure>?>(nil)
        let done = Platform.Semaphore()
    }

    /// A resolver for `host` (brackets around an IPv6 literal are dropped) and `port`.
    init(host: String, port: UInt16, kind: Platform.SocketKind, getAddresses: @escaping GetAddresses = Platform.lookUp)
    {
        self.host = host
        self.getAddresses = getAddresses
        self.port = port
        self.kind = kind
        name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        literal = Platform.addressLiteral(name, port: port, kind: kind)
    }

    /// The addresses of the host, or why there are none by `deadline` (monotonic nanoseconds).
    func resolve(deadline: Int64) -> Result<[Platform.SocketAddress], TransportFailure> {
        if let literal { return .success(literal) }
        return pending.withLock { pending in
            let lookup = pending ?? start()
            pending = lookup
            guard lookup.done.wait(until: deadline) else {
                return .failure(TransportFailure(.timeout, "resolving \(host) took longer than the deadline"))
            }
            pending = nil
            return lookup.answer.withLock { $0 }
                ?? .failure(TransportFailure(.connection, "cannot resolve \(host)"))
        }
    }

    /// A lookup on a thread of its own; one that cannot start fails at once as `socket`.
    private func start() -> PendingLookup {
        let lookup = PendingLookup()
        let (name, port, kind, getAddresses) = (self.name, self.port, self.kind, self.getAddresses)
        let started = Platform.startThread {
            let answer = getAddresses(name, port, kind).mapError(TransportFailure.init)
            lookup.answer.withLock { $0 = answer }
            lookup.done.signal()
        }
        if !started {
            lookup.answer.withLock { $0 = .failure(TransportFailure(.socket, "no thread to resolve \(name) on")) }
            lookup.done.signal()
        }
        return lookup
    }
}
