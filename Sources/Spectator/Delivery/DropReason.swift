/// Why measurements were dropped; the value of the `error` tag on `spectator.measurements{id=dropped}`.
///
/// ```swift
/// DropReason.httpError.rawValue   // "http-error"
/// ```
public enum DropReason: String, Sendable {
    /// The receiver could not be reached: nothing listening, connection refused, no such socket path.
    case connection
    /// Sending on the socket, or writing to the file or stream, failed for another reason (buffer
    /// full, message too long, disk full, …).
    case socket
    /// The receiver's name did not resolve, or the HTTP exchange did not complete, in time.
    case timeout
    /// The receiver answered 5xx, or 429/503 until the retries ran out.
    case httpError = "http-error"
    /// The receiver rejected these measurements as invalid (`errorCount` of a 202 or 400 answer).
    case validation
    /// The receiver answered 4xx with a body that does not say what it rejected, or answered
    /// something that is not HTTP; or the output cannot be sent to at all (`https://` without a TLS
    /// ``HTTPTransport``).
    case other
    /// The line alone is longer than a datagram.
    case oversized
    /// A ``MemoryOutput`` is full.
    case memoryFull = "memory-full"
}
