import Synchronization

/// The time source of a registry and its publisher.
///
/// Inject a ``ManualClock`` in tests to drive expiry and step boundaries without sleeping.
public protocol SpectatorClock: Sendable {
    /// Wall-clock time in milliseconds since the Unix epoch; used for step boundaries and timestamps.
    func wallTimeMillis() -> Int64
    /// Monotonic time in nanoseconds from an arbitrary origin; used for meter expiry.
    func monotonicNanos() -> Int64
}

/// The operating system's clocks: `CLOCK_REALTIME` and `CLOCK_MONOTONIC`.
public struct SystemClock: SpectatorClock {
    /// Creates the system clock.
    public init() {}

    public func wallTimeMillis() -> Int64 { Platform.wallTimeMillis() }

    public func monotonicNanos() -> Int64 { Platform.monotonicNanos() }
}

/// A clock that only moves when told to, for deterministic tests.
///
/// ```swift
/// let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
/// let registry = Registry(clock: clock)
/// clock.advance(by: .minutes(16))
/// ```
public final class ManualClock: SpectatorClock {
    private let wall: Atomic<Int64>
    private let monotonic: Atomic<Int64>

    /// Creates a clock reading `wallTimeMillis` on the wall clock and `monotonicNanos` on the monotonic one.
    public init(wallTimeMillis: Int64 = 0, monotonicNanos: Int64 = 0) {
        wall = Atomic(wallTimeMillis)
        monotonic = Atomic(monotonicNanos)
    }

    public func wallTimeMillis() -> Int64 { wall.load(ordering: .sequentiallyConsistent) }

    public func monotonicNanos() -> Int64 { monotonic.load(ordering: .sequentiallyConsistent) }

    /// Moves both clocks forward by `duration` (whole nanoseconds; a negative duration moves them back).
    public func advance(by duration: Duration) {
        let nanos = duration.wholeNanoseconds
        wall.wrappingAdd(nanos / 1_000_000, ordering: .sequentiallyConsistent)
        monotonic.wrappingAdd(nanos, ordering: .sequentiallyConsistent)
    }

    /// Sets the wall clock to `millis` since the Unix epoch; the monotonic clock is unchanged.
    public func setWallTime(millis: Int64) {
        wall.store(millis, ordering: .sequentiallyConsistent)
    }
}
