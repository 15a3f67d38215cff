import Synchronization

/// Reports how long ago something last succeeded, in seconds (`statistic=gauge`), e.g. the age of a
/// cache or the time since the last successful sync.
///
/// ```swift
/// let sinceSync = registry.ageGauge("sync.timeSinceLastSuccess")
/// try sync()
/// sinceSync.setNow()
/// ```
///
/// To SpectatorD it sends the time of the last success (an `A` line), and the sidecar publishes the
/// age itself, so the gauge keeps growing between updates. SpectatorD keeps at most 1 000 age gauges
/// (its `--age_gauge_limit`) and never expires them: give them fixed ids. Over HTTP the age is
/// computed at each step's timestamp. A gauge that was never set publishes nothing.
public final class AgeGauge: Sendable, ClockedMeter {
    /// The meter's identity.
    public let id: MeterId

    private let clock: any SpectatorClock
    /// Unix milliseconds of the last success; 0 until set.
    private let lastSuccessMillis = Atomic<Int64>(0)

    @usableFromInline static let noop = AgeGauge(id: .noop, clock: SystemClock())

    @usableFromInline
    init(id: MeterId, clock: any SpectatorClock) {
        self.id = id
        self.clock = clock
    }

    /// Records a success now.
    public func setNow() {
        lastSuccessMillis.store(max(1, clock.wallTimeMillis()), ordering: .relaxed)
    }

    /// Records a success at `secondsSince1970` (Unix time); NaN, infinite and non-positive times are
    /// ignored.
    public func set(secondsSince1970: Double) {
        guard secondsSince1970.isFinite, secondsSince1970 > 0, secondsSince1970 < 9e15 else { return }
        lastSuccessMillis.store(max(1, Int64(secondsSince1970 * 1000)), ordering: .relaxed)
    }

    /// The Unix time of the last success in seconds, or `nil` if none was recorded.
    public var lastSuccess: Double? {
        let millis = lastSuccessMillis.load(ordering: .relaxed)
        return millis > 0 ? Double(millis) / 1000 : nil
    }

    @usableFromInline static var kind: MeterKind { .ageGauge }

    /// Publishes while set, and counts as active then: an age gauge does not expire.
    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        guard let lastSuccess else { return false }
        writer.emit(id, id.hasOwnStatistic ? nil : .gauge, lastSuccess, .age)
        return true
    }
}
