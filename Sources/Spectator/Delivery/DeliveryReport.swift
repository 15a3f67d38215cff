/// What became of one step's measurements: how many were delivered, and how many were dropped for
/// which reason. It feeds the `spectator.measurements` self-metrics.
struct DeliveryReport: Equatable, Sendable {
    /// Measurements the receiver accepted.
    var sent = 0
    /// Measurements that were not delivered, by reason (the `error` tag of the dropped counter).
    var dropped: [DropReason: Int] = [:]
    /// Whether this delivery learned that the one before it was refused (UDP learns a refusal on the
    /// next send). On a step's first delivery that is the previous step's last datagram, which
    /// carried the publisher's own counts.
    var previousDeliveryRefused = false

    /// What the first failure of each reason said (`connect: Connection refused`, a TLS error), for
    /// the log.
    var details: [DropReason: String] = [:]

    mutating func drop(_ count: Int, reason: DropReason, detail: String? = nil) {
        guard count > 0 else { return }
        dropped[reason, default: 0] += count
        if let detail, details[reason] == nil { details[reason] = detail }
    }

    /// Adds the counts of `other`; ``previousDeliveryRefused`` stays this report's own.
    /// Reports are equal when they count the same; ``details`` describe, they do not count.
    static func == (left: DeliveryReport, right: DeliveryReport) -> Bool {
        left.sent == right.sent && left.dropped == right.dropped
            && left.previousDeliveryRefused == right.previousDeliveryRefused
    }

    mutating func merge(_ other: DeliveryReport) {
        sent += other.sent
        dropped.merge(other.dropped, uniquingKeysWith: +)
        details.merge(other.details) { first, _ in first }
    }
}

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

/// Why a transport could not deliver: the ``DropReason`` what it carried is counted under, and a
/// detail for the log.
struct TransportFailure: Error, Equatable {
    let reason: DropReason
    let detail: String

    init(_ reason: DropReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// A socket or file call's failure, counted under the reason its kind means: an unreachable
    /// receiver is `connection`, a datagram too large `oversized`, a deadline `timeout`, the rest
    /// `socket`.
    init(_ failure: Platform.CallFailure) {
        let reason: DropReason =
            switch failure.kind {
            case .unreachable: .connection
            case .tooLarge: .oversized
            case .timedOut: .timeout
            case .failed: .socket
            }
        self.init(reason, failure.detail)
    }
}
