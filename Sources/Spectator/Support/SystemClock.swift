/// The operating system's clocks: `CLOCK_REALTIME` and `CLOCK_MONOTONIC`.
public struct SystemClock: SpectatorClock {
    /// Creates the system clock.
    public init() {}

    public func wallTimeMillis() -> Int64 { Platform.wallTimeMillis() }

    public func monotonicNanos() -> Int64 { Platform.monotonicNanos() }
}
