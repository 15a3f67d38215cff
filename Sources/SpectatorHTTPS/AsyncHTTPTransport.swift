#if HTTPS
public import AsyncHTTPClient
import Dispatch
import NIOCore
import NIOHTTP1
import NIOPosix
public import Spectator
import Synchronization

// What trusting a private certificate authority takes, visible with `import SpectatorHTTPS`:
// `TLSConfiguration.makeClientConfiguration()`, its `trustRoots = .certificates(…)` and
// `NIOSSLCertificate.fromPEMFile(_:)`.
@_exported import class NIOSSL.NIOSSLCertificate
@_exported import enum NIOSSL.NIOSSLTrustRoots
@_exported import struct NIOSSL.TLSConfiguration

/// An `HTTPTransport` on AsyncHTTPClient, for `https://` receivers (and plain `http://`
/// ones too): TLS with full certificate verification by default.
///
/// ```swift
/// import Spectator
/// import SpectatorHTTPS
///
/// var configuration = SpectatorConfiguration()   // SPECTATOR_OUTPUT_LOCATION=https://atlas.example.com/api/v1/publish
/// configuration.httpTransport = AsyncHTTPTransport()
/// let registry = Registry(configuration: configuration)
/// let publisher = Publisher(registry: registry, configuration: configuration)
/// publisher.start()
/// ```
///
/// Each post has one deadline, `timeout` from its start, for the whole exchange (connection and TLS
/// handshake included), and reads at most `HTTPOutcome.maxAnswerBytes` bytes of the answer.
/// Failures map to drop reasons as the library's own transport does: no answer in time is
/// `timeout`; a refused connection, a reset or a certificate that does not verify is `connection`;
/// an answer that is not HTTP is `other`.
///
/// To trust a private certificate authority, pass its certificate (`TLSConfiguration`,
/// `NIOSSLCertificate` and `NIOSSLTrustRoots` come with `import SpectatorHTTPS`):
///
/// ```swift
/// var tls = TLSConfiguration.makeClientConfiguration()
/// tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile("/etc/ssl/private/our-ca.pem"))
/// configuration.httpTransport = AsyncHTTPTransport(tlsConfiguration: tls)
/// ```
///
/// A refused certificate is a `connection` drop, and the log line of the first such step says
/// what the TLS layer answered.
///
/// The transport made with ``init(tlsConfiguration:)`` owns its AsyncHTTPClient: the publisher shuts
/// it down when it stops, and posts after that fail as `other`. One made with ``init(client:)`` uses
/// a client you own and shut down yourself.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let ownsClient: Bool
    private let isShutDown = Atomic<Bool>(false)

    /// A transport with a client of its own on the shared event loop group, verifying the
    /// receiver's certificate against `tlsConfiguration`'s trust roots (the system's by default).
    public init(tlsConfiguration: TLSConfiguration = .makeClientConfiguration()) {
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tlsConfiguration
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        // The publisher retries a failed connection itself (three attempts within half a step);
        // AsyncHTTPClient's own retries would hold each attempt until its deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        // On Darwin, AsyncHTTPClient's Network.framework connections would otherwise wait for
        // connectivity until the deadline instead of failing a refused connection at once.
        configuration.networkFrameworkWaitForConnectivity = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        ownsClient = true
    }

    /// A transport on `client`, which stays yours: ``shutdown()`` leaves it running.
    public init(client: HTTPClient) {
        self.client = client
        ownsClient = false
    }

    deinit {
        // A client is shut down before it goes (AsyncHTTPClient checks in debug builds). Not
        // waited for: a deinit may run on one of the client's own threads.
        if ownsClient && !isShutDown.exchange(true, ordering: .acquiringAndReleasing) {
            client.shutdown { _ in }
        }
    }

    public func post(
        _ body: [UInt8],
        to endpoint: HTTPEndpoint,
        headers: [String: String],
        timeout: Duration
    ) -> HTTPOutcome {
        guard !isShutDown.load(ordering: .acquiring) else {
            return .failed(.other, detail: "the https transport is shut down")
        }
        // Waiting for the answer on one of NIO's event loop threads would trap (or deadlock the
        // loop); a flush() called from a channel handler gets a failure instead.
        guard !isOnEventLoop else {
            return .failed(.other, detail: "cannot wait for \(endpoint) on a SwiftNIO event loop thread")
        }
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(
                url: endpoint.description,
                method: .POST,
                headers: HTTPHeaders(headers.map { ($0.key, $0.value) }),
                body: .bytes(body)
            )
        } catch {
            return .failed(.other, detail: "cannot post to \(endpoint): \(error)")
        }
        let answer = CappedAnswer(limit: HTTPOutcome.maxAnswerBytes)
        let deadline = NIODeadline.now() + TimeAmount(max(timeout, .zero))
        let task = client.execute(request: request, delegate: answer, deadline: deadline)
        do {
            return try task.futureResult.wait()
        } catch let error as CappedAnswer.LimitReached {
            return error.outcome
        } catch {
            return .failed(Self.reason(error), detail: "\(endpoint): \(error)")
        }
    }

    /// Whether the calling thread is an event loop's: SwiftNIO's own, or one of the client's (on Darwin,
    /// AsyncHTTPClient's default group runs Network.framework loops, which are not
    /// `MultiThreadedEventLoopGroup`'s).
    private var isOnEventLoop: Bool {
        if MultiThreadedEventLoopGroup.currentEventLoop != nil { return true }
        return client.eventLoopGroup.makeIterator().contains { $0.inEventLoop }
    }

    /// Shuts the client down if it is the transport's own, waiting at most a second for it:
    /// a connection still being made (a receiver that accepts and never completes the TLS
    /// handshake) would otherwise hold the publisher's `stop()` for the client's connect timeout.
    public func shutdown() {
        guard ownsClient, !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let done = DispatchSemaphore(value: 0)
        client.shutdown { _ in done.signal() }
        _ = done.wait(timeout: .now() + Self.shutdownWait)
    }

    /// The longest ``shutdown()`` waits; what is left closes in the background.
    static let shutdownWait = DispatchTimeInterval.seconds(1)

    /// Why an exchange got no answer.
    static func reason(_ error: any Error) -> DropReason {
        if let error = error as? HTTPClientError {
            return timeouts.contains(error) ? .timeout : error == .remoteConnectionClosed ? .connection : .other
        }
        if error is HTTPParserError { return .other }
        // Refused, unreachable, reset, and a certificate that does not verify (NIOSSL's errors).
        return .connection
    }

    /// AsyncHTTPClient's ways of running out of time.
    private static let timeouts: [HTTPClientError] = [
        .deadlineExceeded, .connectTimeout, .tlsHandshakeTimeout, .readTimeout, .writeTimeout,
        .getConnectionFromPoolTimeout,
    ]
}
#endif
