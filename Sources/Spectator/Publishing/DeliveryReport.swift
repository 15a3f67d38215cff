/// What became of one step's measurements: how many were delivered, and how many were dropped for
/// which reason. It feeds the `spectator.measurements` self-metrics.
struct DeliveryReport: Equatable, Sendable {
    /// Measurements the receiver accepted.
    var sent = 0
    /// Measurements that were not delivered, by reason (the `error` tag of the dropped counter).
    var dropped: [String: Int] = [:]
    /// Whether this step learned that the previous step's last datagram was refused (UDP learns a
    /// refusal on the next send). The publisher's own counts travel in that datagram.
    var previousStepEndRefused = false

    mutating func drop(_ count: Int, reason: DropReason) {
        guard count > 0 else { return }
        dropped[reason.rawValue, default: 0] += count
    }

    mutating func merge(_ other: DeliveryReport) {
        sent += other.sent
        dropped.merge(other.dropped, uniquingKeysWith: +)
        previousStepEndRefused = previousStepEndRefused || other.previousStepEndRefused
    }
}

/// Why measurements were dropped; the value of the `error` tag on `spectator.measurements{id=dropped}`.
enum DropReason: String, Sendable {
    /// The receiver could not be reached: nothing listening, connection refused, no such socket path.
    case connection
    /// Sending on the socket failed for another reason (buffer full, message too long, …).
    case socket
    /// The HTTP request did not complete in time.
    case timeout
    /// The receiver answered 5xx, or 429/503 until the retries ran out.
    case httpError = "http-error"
    /// The receiver rejected these measurements as invalid (`errorCount` of a 202 or 400 answer).
    case validation
    /// The receiver answered 4xx with a body that does not say what it rejected, or answered
    /// something that is not HTTP.
    case other
    /// The line alone is longer than a datagram.
    case oversized
    /// A ``MemoryOutput`` is full.
    case memoryFull = "memory-full"
}
