/// The time source of a registry and its publisher.
///
/// Inject a ``ManualClock`` in tests to drive expiry and step boundaries without sleeping.
public protocol SpectatorClock: Sendable {
    /// Wall-clock time in milliseconds since the Unix epoch; used for step boundaries and timestamps.
    func wallTimeMillis() -> Int64
    /// Monotonic time in nanoseconds from an arbitrary origin; used for meter expiry.
    func monotonicNanos() -> Int64
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at the bounds of `Int64` instead of trapping.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (fromSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflowSum) = fromSeconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflowSum { return seconds < 0 ? .min : .max }
        return total
    }
}
