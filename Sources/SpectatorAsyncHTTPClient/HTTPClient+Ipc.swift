#if AsyncHTTPClient
public import AsyncHTTPClient
public import NIOCore
import NIOPosix
import NIOSSL
public import Spectator

extension HTTPClient {
    /// Executes `request` as AsyncHTTPClient's `execute(_:timeout:)` does, and records it as a Common
    /// IPC client call: `ipc.client.call` by endpoint, method, status, attempt and peer,
    /// `ipc.client.inflight`, and the body sizes where known.
    ///
    /// ```swift
    /// let ipc = IpcMetrics(registry: registry, owner: "async-http-client")
    /// var request = HTTPClientRequest(url: "http://users.internal/users/42")
    /// request.method = .GET
    /// let response = try await HTTPClient.shared.execute(
    ///     request, timeout: .seconds(2), ipc: ipc, endpoint: "getUser", serverApp: "users"
    /// )
    /// ```
    ///
    /// The call finishes when the response's head arrives, with its status (its body's size is the
    /// `Content-Length` it announces), or when the request fails, with the error's kind: a refused,
    /// reset or closed connection is `connection_error`; a connect, read or write timeout or the
    /// deadline `timeout`; a TLS failure `access_denied`; a cancelled task `cancelled`; a request the
    /// client would not send (a bad URL, a bad header) `bad_request`; anything else
    /// `unexpected_error`, with the error's type as `ipc.status.detail`. The error is rethrown.
    ///
    /// - Parameters:
    ///   - request: the request to send.
    ///   - timeout: how long the whole exchange may take.
    ///   - ipc: the recorder of the call.
    ///   - endpoint: the name of what is called (`getUser`), never the raw URL with its ids.
    ///   - serverApp: the app called, if known (`ipc.server.app`).
    ///   - serverCluster: the cluster called, if known.
    ///   - serverAsg: the server group called, if known.
    ///   - vip: the VIP called through, if any.
    ///   - attempt: which attempt this is, 1 for the first; a caller that retries counts.
    ///   - isFinalAttempt: whether no other attempt follows this one.
    /// - Returns: the response, its body not yet read.
    public func execute(
        _ request: HTTPClientRequest,
        timeout: TimeAmount,
        ipc: IpcMetrics,
        endpoint: String,
        serverApp: String = "",
        serverCluster: String = "",
        serverAsg: String = "",
        vip: String = "",
        attempt: Int = 1,
        isFinalAttempt: Bool = true
    ) async throws -> HTTPClientResponse {
        let call = ipc.startClientCall(
            endpoint: endpoint,
            httpMethod: request.method.rawValue,
            serverApp: serverApp,
            serverCluster: serverCluster,
            serverAsg: serverAsg,
            vip: vip,
            attempt: attempt,
            isFinalAttempt: isFinalAttempt
        )
        let requestBytes = request.headers.first(name: "content-length").flatMap { Int($0) }
        let response: HTTPClientResponse
        do {
            response = try await execute(request, timeout: timeout)
        } catch {
            let kind = IpcErrorKind(clientError: error)
            call.finish(
                error: kind,
                statusDetail: kind == .other ? "\(type(of: error))" : "",
                requestBytes: requestBytes
            )
            throw error
        }
        call.finish(
            httpStatus: Int(response.status.code),
            requestBytes: requestBytes,
            responseBytes: response.headers.first(name: "content-length").flatMap { Int($0) }
        )
        return response
    }
}

extension IpcErrorKind {
    /// The kind of an error AsyncHTTPClient threw for a request.
    ///
    /// - Parameter error: what `execute` threw.
    public init(clientError error: any Error) {
        switch error {
        case is CancellationError:
            self = .cancelled
        case let error as HTTPClientError:
            self = Self.kind(of: error)
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            self = .tls
        case let error as ChannelError:
            if case .connectTimeout = error { self = .timeout } else { self = .connection }
        case is IOError, is NIOConnectionError:
            // A socket call that failed: the connection could not be made, or was lost.
            self = .connection
        default:
            self = .other
        }
    }

    private static func kind(of error: HTTPClientError) -> IpcErrorKind {
        switch error {
        case .cancelled, .requestStreamCancelled:
            return .cancelled
        case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .tlsHandshakeTimeout,
            .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .getConnectionFromPoolTimeout:
            return .timeout
        case .remoteConnectionClosed, .uncleanShutdown:
            return .connection
        case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .traceRequestWithBody,
            .bodyLengthMismatch:
            return .badRequest
        default:
            return .other
        }
    }
}
#endif
