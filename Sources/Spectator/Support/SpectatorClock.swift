/// The time source of a registry and its publisher.
///
/// Inject a ``ManualClock`` in tests to drive expiry and step boundaries without sleeping.
public protocol SpectatorClock: Sendable {
    /// Wall-clock time in milliseconds since the Unix epoch; used for step boundaries and timestamps.
    func wallTimeMillis() -> Int64
    /// Monotonic time in nanoseconds from an arbitrary origin; used for meter expiry.
    func monotonicNanos() -> Int64
}
