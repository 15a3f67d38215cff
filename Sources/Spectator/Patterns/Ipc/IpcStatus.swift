/// How a call ended, as the `ipc.status` tag says it (spectator-java's `IpcStatus`).
///
/// ```swift
/// IpcStatus(httpStatus: 503)           // .unavailable
/// IpcStatus(httpStatus: 404).result    // .success: a lookup that found nothing still worked
/// IpcStatus(errorKind: .timeout)       // .timeout
/// ```
public enum IpcStatus: String, Sendable, CaseIterable {
    /// The call was served, as far as the client or server knows.
    case success
    /// The caller's request could not be served as it was.
    case badRequest = "bad_request"
    /// The client or server failed in a way it did not expect.
    case unexpectedError = "unexpected_error"
    /// The connection failed, while being set up or in use.
    case connectionError = "connection_error"
    /// No server was there to serve the call.
    case unavailable
    /// The call was turned away because the server was over capacity.
    case throttled
    /// The call did not finish within its time.
    case timeout
    /// The client cancelled the call before it finished.
    case cancelled
    /// Authentication or authorization turned the call away.
    case accessDenied = "access_denied"
    /// The application reported an error of its own.
    case applicationError = "application_error"

    /// `success` for ``success``, `failure` for every other status: a series never says one beside
    /// the other.
    public var result: IpcResult { self == .success ? .success : .failure }

    /// The status for an HTTP status code, by the standard mapping (`forHttpStatusStandard`): 200 and
    /// every other 1xx–3xx, and 404, are `success`; 401, 402, 403, 407 and 511 `access_denied`; 408
    /// `timeout`; 429 `throttled`; 503 `unavailable`; every other 4xx `bad_request`; anything else
    /// `unexpected_error`.
    public init(httpStatus: Int) {
        switch httpStatus {
        case 404: self = .success
        case 401, 402, 403, 407, 511: self = .accessDenied
        case 408: self = .timeout
        case 429: self = .throttled
        case 503: self = .unavailable
        case 100..<400: self = .success
        case 400..<500: self = .badRequest
        default: self = .unexpectedError
        }
    }

    /// The status for an error of `errorKind`: TLS → `access_denied`, a timeout → `timeout`, a
    /// connection failure → `connection_error`, a bad request → `bad_request`, anything else
    /// `unexpected_error`.
    public init(errorKind: IpcErrorKind) {
        switch errorKind {
        case .tls: self = .accessDenied
        case .timeout: self = .timeout
        case .connection: self = .connectionError
        case .badRequest: self = .badRequest
        case .cancelled: self = .cancelled
        case .other: self = .unexpectedError
        }
    }
}

/// Whether a call succeeded, as the `ipc.result` tag says it; always ``IpcStatus/result``.
public enum IpcResult: String, Sendable, CaseIterable {
    case success, failure
}

/// What kind of failure ended a call, for ``IpcStatus/init(errorKind:)``: an integration maps its
/// framework's errors onto these (spectator-java maps `SSLException`, timeouts, `IOException` and
/// illegal arguments the same way).
public enum IpcErrorKind: Sendable, CaseIterable {
    /// TLS failed: a handshake, a certificate.
    case tls
    /// A deadline passed.
    case timeout
    /// The connection could not be made or broke: refused, reset, unreachable.
    case connection
    /// The request was malformed or not allowed as given.
    case badRequest
    /// The caller cancelled the call.
    case cancelled
    /// Anything else.
    case other
}
