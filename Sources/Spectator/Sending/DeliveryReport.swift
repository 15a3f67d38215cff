/// What became of one step's measurements: how many were delivered, and how many were dropped for
/// which reason. It feeds the `spectator.measurements` self-metrics.
struct DeliveryReport: Equatable, Sendable {
    /// Measurements the receiver accepted.
    var sent = 0
    /// Measurements that were not delivered, by reason (the `error` tag of the dropped counter).
    var dropped: [DropReason: Int] = [:]
    /// Whether this step learned that the previous step's last datagram was refused (UDP learns a
    /// refusal on the next send). The publisher's own counts travel in that datagram.
    var previousStepEndRefused = false

    mutating func drop(_ count: Int, reason: DropReason) {
        guard count > 0 else { return }
        dropped[reason, default: 0] += count
    }

    mutating func merge(_ other: DeliveryReport) {
        sent += other.sent
        dropped.merge(other.dropped, uniquingKeysWith: +)
        previousStepEndRefused = previousStepEndRefused || other.previousStepEndRefused
    }
}
