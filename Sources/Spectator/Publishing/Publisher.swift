import Synchronization

/// Sends what a ``Registry`` collected to the configured output, once per step, from a background
/// thread of its own.
///
/// ```swift
/// let configuration = SpectatorConfiguration()
/// let registry = Registry(configuration: configuration)
/// let publisher = Publisher(registry: registry, configuration: configuration)
/// publisher.start()
/// // … the service runs …
/// publisher.stop()   // publishes the last partial step
/// ```
///
/// Steps are aligned to wall-clock multiples of the step (…:05, …:10 for 5 s). Each step the
/// publisher's exporter collects the registry, encodes the measurements and sends them. The
/// sidecar being absent, slow or failing never blocks recording and never piles data up: values wait
/// in the meters (fixed size) until a step takes them, and a step that cannot be delivered is
/// dropped and counted in `spectator.measurements{id=dropped,error=<reason>}`, next to
/// `spectator.measurements{id=sent}`, the `spectator.registrySize` gauge and the
/// `spectator.refusedMeters` counter. Those counts survive the steps that fail whole, so the first
/// step after a fault (over UDP, the first two) reports all of its drops; and they live outside the
/// registry, so a full registry cannot refuse them.
///
/// For structured concurrency, call ``run()`` from a task instead of ``start()``; it publishes until
/// the task is cancelled and flushes on the way out.
public final class Publisher: Sendable {
    private let core: PublisherCore

    /// Creates a publisher for `registry`, sending where `configuration` says. Nothing is sent until
    /// ``start()``, ``run()`` or ``flush()``. With ``SpectatorConfiguration/processMetrics`` set, it
    /// registers the process metrics in `registry` (``Registry/registerProcessMetrics()``).
    public convenience init(
        registry: Registry,
        configuration: SpectatorConfiguration = SpectatorConfiguration(),
        clock: any SpectatorClock = SystemClock()
    ) {
        if configuration.processMetrics { registry.registerProcessMetrics() }
        self.init(
            registry: registry,
            exporter: Self.makeExporter(configuration, clock: clock),
            step: configuration.step,
            clock: clock,
            log: configuration.log
        )
    }

    init(
        registry: Registry,
        exporter: any Exporter,
        step: Duration,
        clock: any SpectatorClock,
        log: LogSink
    ) {
        core = PublisherCore(registry: registry, exporter: exporter, step: step, clock: clock, log: log)
    }

    deinit {
        core.stop()
    }

    /// The publish step.
    public var step: Duration { core.step }

    /// Starts publishing every step on a background thread. Calling it again does nothing.
    public func start() {
        core.start()
    }

    /// Collects and sends everything recorded so far, now, on the calling thread.
    public func flush() {
        core.publish(partialStep: true)
    }

    /// Stops the background publishing, then publishes the last partial step. Calling it again does
    /// nothing; a stopped publisher does not start again.
    ///
    /// It blocks the calling thread until that step is delivered or dropped: over HTTP, for up to one
    /// request's timeout (`min(httpTimeout, step)`) plus the retries that fit in half a step. From
    /// async code use ``shutdown()``, which does not hold a thread of the cooperative pool meanwhile.
    ///
    /// - Important: Call it after the code that records has stopped (an HTTP server after its last
    ///   request): what is recorded after the last step is not published.
    public func stop() {
        core.stop()
    }

    /// ``stop()`` for async code: stops the background publishing and publishes the last partial step,
    /// on a thread of its own, so the calling task waits without blocking a thread of Swift's
    /// cooperative pool. Calling it again (or after ``stop()``) does nothing.
    ///
    /// ```swift
    /// try await app.execute()        // until SIGTERM or SIGINT
    /// try await app.asyncShutdown()  // the HTTP server's last requests are recorded
    /// await publisher.shutdown()     // and published
    /// ```
    ///
    /// - Important: Call it after the code that records has stopped, as for ``stop()``.
    public func shutdown() async {
        await core.offPool { [core] in core.stop() }
    }

    /// Publishes every step until the calling task is cancelled, then publishes the last partial
    /// step and returns. Sending runs off the cooperative thread pool.
    ///
    /// ```swift
    /// try await withThrowingDiscardingTaskGroup { group in
    ///     group.addTask { try await publisher.run() }
    ///     …
    /// }
    /// ```
    public func run() async throws {
        guard core.claim(.task) else { return }
        while !Task.isCancelled && !core.isStopped {
            let wait = core.timeUntilNextStep()
            do {
                try await Task.sleep(for: wait)
            } catch {
                break
            }
            await core.offPool { [core] in core.publish(partialStep: false) }
        }
        if core.markStopped() {
            await core.offPool { [core] in core.publishLastStep() }
        }
    }
}

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
