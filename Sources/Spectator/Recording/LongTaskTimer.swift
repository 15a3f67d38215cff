import Synchronization

/// Measures work that is still running: how many tasks are in flight, and for how long they have been
/// running, added up. Each step publishes two gauges, `statistic=activeTasks` and
/// `statistic=duration` (seconds), as Spectator Java's `LongTaskTimer` does.
///
/// ```swift
/// let migrations = registry.longTaskTimer("db.migration")
/// let task = migrations.start()
/// defer { migrations.stop(task) }
/// try migrate()
/// ```
///
/// A timer keeps no list of its tasks: it counts them and adds up their start times, so `start()` and
/// `stop(_:)` are two atomic adds each, and memory stays the same however many tasks run. The sum of
/// running durations at any moment is `activeTasks × now − Σ start times`. Stop each task once;
/// a task stopped twice, or never, skews both gauges.
public final class LongTaskTimer: Sendable, ClockedMeter {
    /// A running task: what ``start()`` returns and ``stop(_:)`` takes.
    public struct Task: Sendable, Hashable {
        /// When the task started, on the registry's monotonic clock (nanoseconds).
        public let startNanos: Int64
    }

    /// The meter's identity.
    public let id: MeterId

    private let clock: any SpectatorClock
    private let active = Atomic<Int64>(0)
    /// The start times of the running tasks, added up (wrapping: only differences are used).
    private let startSum = Atomic<Int64>(0)

    @usableFromInline static let noop = LongTaskTimer(id: .noop, clock: SystemClock())

    @usableFromInline
    init(id: MeterId, clock: any SpectatorClock) {
        self.id = id
        self.clock = clock
    }

    /// Starts a task.
    public func start() -> Task {
        let now = clock.monotonicNanos()
        startSum.wrappingAdd(now, ordering: .relaxed)
        active.wrappingAdd(1, ordering: .relaxed)
        return Task(startNanos: now)
    }

    /// Stops `task` and returns how long it ran.
    @discardableResult
    public func stop(_ task: Task) -> Duration {
        active.wrappingAdd(-1, ordering: .relaxed)
        startSum.wrappingAdd(0 &- task.startNanos, ordering: .relaxed)
        return .nanoseconds(max(0, clock.monotonicNanos() &- task.startNanos))
    }

    /// The number of running tasks.
    public var activeTasks: Int { Int(active.load(ordering: .relaxed)) }

    /// How long the running tasks have been running, added up.
    public var duration: Duration {
        let (count, sum) = (active.load(ordering: .relaxed), startSum.load(ordering: .relaxed))
        return .nanoseconds(max(0, count &* clock.monotonicNanos() &- sum))
    }

    @usableFromInline static var kind: MeterKind { .longTaskTimer }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        let tasks = activeTasks
        writer.emit(id, .activeTasks, Double(tasks), .gauge)
        writer.emit(id, .duration, Double(duration.wholeNanoseconds) / 1e9, .gauge)
        return tasks > 0
    }
}
