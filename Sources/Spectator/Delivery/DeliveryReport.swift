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
