import Dispatch
import Foundation
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
    let sender: any MeasurementSender
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
    private let wakeUp = DispatchSemaphore(value: 0)
    private let loopFinished = DispatchSemaphore(value: 0)
    private let stopRequested = Atomic<Bool>(false)
    private let offPoolQueue = DispatchQueue(label: "spectator.publisher")

    init(registry: Registry, sender: any MeasurementSender, step: Duration, clock: any SpectatorClock, log: LogSink) {
        self.registry = registry
        self.sender = sender
        self.step = max(step, .milliseconds(1))
        self.clock = clock
        self.log = log
    }

    private var stepMillis: Int64 { max(1, step.wholeNanoseconds / 1_000_000) }

    func start() {
        guard claim(.thread) else { return }
        let thread = Thread { [self] in
            while !stopRequested.load(ordering: .sequentiallyConsistent) {
                let wait = timeUntilNextStep()
                let seconds = Double(wait.wholeNanoseconds) / 1e9
                if wakeUp.wait(timeout: .now() + seconds) == .success { continue }
                publish(partialStep: false)
            }
            loopFinished.signal()
        }
        thread.name = "spectator-publisher"
        thread.start()
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

    func stop() {
        guard let previous = moveToStopped() else { return }
        if case .thread = previous {
            stopRequested.store(true, ordering: .sequentiallyConsistent)
            wakeUp.signal()
            loopFinished.wait()
        }
        publish(partialStep: true)
    }

    /// How long until the next wall-clock multiple of the step.
    func timeUntilNextStep() -> Duration {
        let now = clock.wallTimeMillis()
        let next = (now / stepMillis + 1) * stepMillis
        return .milliseconds(max(1, next - now))
    }

    func publishOffPool(partialStep: Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            offPoolQueue.async {
                self.publish(partialStep: partialStep)
                continuation.resume()
            }
        }
    }

    /// Collects the registry and sends it, stamped with the end of the step it belongs to: the
    /// boundary just passed, or for a partial step (a flush) the next one.
    func publish(partialStep: Bool) {
        publishing.withLock { state in
            let (own, taken) = state.selfMetrics.measurements(registry: registry)
            let measurements = StepMeasurements(registry: registry, own: own)
            let now = clock.wallTimeMillis()
            let boundary = now / stepMillis * stepMillis
            let timestamp = partialStep && boundary != now ? boundary + stepMillis : boundary
            let report = sender.send(measurements, timestampMillis: timestamp)
            if report.previousStepEndRefused, let previousTaken = state.previousTaken {
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
                log(.publishingFailed(reason: reason.rawValue, dropped: report.dropped[reason] ?? 0))
            }
            if !state.previousFailures.isEmpty && failures.isEmpty {
                log(.publishingRecovered)
            }
            state.previousFailures = failures
        }
    }
}
