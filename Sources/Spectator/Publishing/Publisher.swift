import Dispatch
import Foundation
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
/// publisher collects the registry, encodes the measurements for the output and sends them. The
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
    /// ``start()``, ``run()`` or ``flush()``.
    public convenience init(
        registry: Registry,
        configuration: SpectatorConfiguration = SpectatorConfiguration(),
        clock: any SpectatorClock = SystemClock()
    ) {
        self.init(
            registry: registry,
            sender: Self.makeSender(configuration, clock: clock),
            step: configuration.step,
            clock: clock,
            log: configuration.log
        )
    }

    init(
        registry: Registry,
        sender: any MeasurementSender,
        step: Duration,
        clock: any SpectatorClock,
        log: LogSink
    ) {
        core = PublisherCore(registry: registry, sender: sender, step: step, clock: clock, log: log)
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
    /// It returns once that step is delivered or dropped: over HTTP, after at most one request's
    /// timeout (`min(httpTimeout, step)`) plus the retries that fit in half a step.
    public func stop() {
        core.stop()
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
            await core.publishOffPool(partialStep: false)
        }
        if core.markStopped() {
            await core.publishOffPool(partialStep: true)
        }
    }

    /// The sender for the configured output. Plain `http://` goes over ``SocketHTTPClient``,
    /// `https://` over `URLSession`.
    static func makeSender(_ configuration: SpectatorConfiguration, clock: any SpectatorClock) -> any MeasurementSender
    {
        let commonTags = CommonTags.sanitized(configuration.effectiveCommonTags)
        let lines = LineProtocolEncoder(commonTags: commonTags)
        switch configuration.outputLocation {
        case .none:
            return DiscardingSender()
        case .memory(let output):
            return MemorySender(encoder: lines, output: output)
        case .stdout:
            return StreamSender(encoder: lines, writer: StreamWriter(.standardOutput))
        case .stderr:
            return StreamSender(encoder: lines, writer: StreamWriter(.standardError))
        case .file(let path):
            return StreamSender(encoder: lines, writer: StreamWriter(.file(path: path)))
        case .udp(let host, let port):
            return DatagramSender(encoder: lines, socket: DatagramSocket(.udp(host: host, port: port)))
        case .unix(let path):
            return DatagramSender(encoder: lines, socket: DatagramSocket(.unix(path: path)))
        case .http(let url):
            let format: HTTPSender.Format =
                configuration.outputLocation.isAtlasPublish
                ? .atlasPublish(AtlasPublishEncoder(commonTags: commonTags))
                : .aggregatorUpdate(AggregatorUpdateEncoder(commonTags: commonTags))
            return HTTPSender(
                url: url,
                format: format,
                client: url.scheme?.lowercased() == "https" ? URLSessionHTTPClient() : SocketHTTPClient(),
                batchSize: configuration.batchSize,
                step: configuration.step,
                timeout: min(configuration.httpTimeout, configuration.step),
                clock: clock
            )
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
