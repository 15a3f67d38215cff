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
