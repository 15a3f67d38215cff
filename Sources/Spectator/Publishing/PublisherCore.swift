import Synchronization

/// The publisher's state and loop, separate from ``Publisher`` so that the background thread does
/// not keep the public object alive: dropping the last reference to a ``Publisher`` stops it.
final class PublisherCore: Sendable {
    enum Lifecycle {
        case idle
        /// Publishing from the background thread ``start()`` made.
        case thread
        /// Publishing from a task in ``Publisher/run()``.
        case task
        case stopped
    }

    let registry: Registry
    let exporter: any Exporter
    let step: Duration
    let clock: any SpectatorClock
    let log: LogSink

    /// What publishing carries from one step to the next.
    private struct PublishingState {
        var selfMetrics = SelfMetrics()
        /// The publisher's counts that went out with the previous step, in case UDP learns later
        /// that they were refused.
        var previousTaken: SelfMetrics.Taken?
        /// The drop reasons of the previous step, for logging.
        var previousFailures: Set<DropReason> = []
    }

    private let lifecycle = Locked(Lifecycle.idle)
    /// Serialises publishing.
    private let publishing = Locked(PublishingState())
    private let wakeUp = Platform.Semaphore()
    private let loopFinished = Platform.Semaphore()
    private let stopRequested = Atomic<Bool>(false)

    init(registry: Registry, exporter: any Exporter, step: Duration, clock: any SpectatorClock, log: LogSink) {
        self.registry = registry
        self.exporter = exporter
        self.step = max(step, .milliseconds(1))
        self.clock = clock
        self.log = log
    }

    private var stepMillis: Int64 { max(1, step.wholeNanoseconds / 1_000_000) }

    /// Starts the background thread; when the system refuses one, says so and stays idle (a later
    /// ``flush()`` or ``stop()`` still publishes).
    func start() {
        guard claim(.thread) else { return }
        let started = Platform.startThread { [self] in
            while !stopRequested.load(ordering: .sequentiallyConsistent) {
                let deadline = Platform.monotonicNanos() &+ timeUntilNextStep().wholeNanoseconds
                if wakeUp.wait(until: deadline) { continue }
                publish(partialStep: false)
            }
            loopFinished.signal()
        }
        if !started {
            lifecycle.withLock { $0 = .idle }
            log(.noPublishingThread)
        }
    }

    /// Moves from idle to `running`; `false` (and nothing changes) unless idle.
    func claim(_ running: Lifecycle) -> Bool {
        lifecycle.withLock { state in
            guard case .idle = state else { return false }
            state = running
            return true
        }
    }

    var isStopped: Bool {
        lifecycle.withLock { if case .stopped = $0 { true } else { false } }
    }

    /// Moves to stopped; returns the state it left, or `nil` if it was stopped already.
    private func moveToStopped() -> Lifecycle? {
        lifecycle.withLock { state in
            if case .stopped = state { return nil }
            defer { state = .stopped }
            return state
        }
    }

    /// Moves to stopped; `true` if this call did it (and so owes the final flush).
    func markStopped() -> Bool {
        moveToStopped() != nil
    }

    /// Stops the loop, publishes the last partial step and shuts the exporter down.
    func stop() {
        guard let previous = moveToStopped() else { return }
        if case .thread = previous {
            stopRequested.store(true, ordering: .sequentiallyConsistent)
            wakeUp.signal()
            loopFinished.wait()
        }
        publishLastStep()
    }

    /// The last partial step, then the exporter's shutdown.
    func publishLastStep() {
        publish(partialStep: true)
        exporter.shutdown()
    }

    /// How long until the next wall-clock multiple of the step.
    func timeUntilNextStep() -> Duration {
        let now = clock.wallTimeMillis()
        let next = (now / stepMillis + 1) * stepMillis
        return .milliseconds(max(1, next - now))
    }

    /// Runs `work` on a thread of its own and waits for it without holding a thread of the
    /// cooperative pool (sending blocks). Where no thread can be had, it runs on the caller's.
    func offPool(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let started = Platform.startThread {
                work()
                continuation.resume()
            }
            if !started {
                work()
                continuation.resume()
            }
        }
    }

    /// Has the exporter export the registry's meters, then the publisher's own measurements, stamped
    /// with the end of the step they belong to: the boundary just passed, or for a partial step (a
    /// flush) the next one.
    func publish(partialStep: Bool) {
        publishing.withLock { state in
            let (own, taken) = state.selfMetrics.measurements(registry: registry)
            let now = clock.wallTimeMillis()
            let boundary = now / stepMillis * stepMillis
            let timestamp = partialStep && boundary != now ? boundary + stepMillis : boundary
            let report = exporter.export(StepMeasurements(registry: registry, own: own, timestampMillis: timestamp))
            if report.previousDeliveryRefused, let previousTaken = state.previousTaken {
                state.selfMetrics.restore(previousTaken)
            }
            if report.sent == 0 {
                state.selfMetrics.restore(taken)
                state.previousTaken = nil
            } else {
                state.previousTaken = taken
            }
            state.selfMetrics.record(report)
            let failures = Set(report.dropped.keys)
            for reason in failures.subtracting(state.previousFailures) {
                log(
                    .publishingFailed(
                        reason: reason.rawValue,
                        dropped: report.dropped[reason] ?? 0,
                        detail: report.details[reason]
                    )
                )
            }
            if !state.previousFailures.isEmpty && failures.isEmpty {
                log(.publishingRecovered)
            }
            state.previousFailures = failures
        }
    }
}
