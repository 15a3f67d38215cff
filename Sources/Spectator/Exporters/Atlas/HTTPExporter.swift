/// Atlas publish JSON or atlas-aggregator update JSON, POSTed over an ``HTTPTransport``, with the
/// batching, compression, retry and accounting rules of Spectator's Java client
/// ([PublishPayload](https://github.com/Netflix/spectator/blob/HEAD/spectator-reg-atlas/src/main/java/com/netflix/spectator/atlas/impl/PublishPayload.java),
/// [HttpRequestBuilder](https://github.com/Netflix/spectator/blob/HEAD/spectator-ext-ipc/src/main/java/com/netflix/spectator/ipc/http/HttpRequestBuilder.java)).
///
/// A step is collected whole (the aggregator's string table needs a whole batch), then cut into
/// batches of at most `batchSize` measurements; each batch is encoded, gzipped past
/// ``compressionThreshold`` bytes, and posted before the next is encoded.
///
/// - Connection failures, 429 and 503 are retried, at most ``maxAttempts`` times in all, with
///   exponential backoff (or the server's `Retry-After`), as long as the retries fit in half a step.
/// - How an answer counts is ``DeliveryReport/init(_:measurementCount:)``'s rule: 2xx but 202 sent,
///   Atlas' validation answer partly dropped, 5xx and the rest dropped.
/// - A batch that gets no answer (no connection, or none in time) drops the rest of the step with it:
///   an unreachable receiver costs a step one batch's attempts, not one per batch.
struct HTTPExporter: Exporter {
    static let maxAttempts = 3
    /// Bodies larger than this are gzip-compressed.
    static let compressionThreshold = 4096

    let format: JSONBodyFormat
    let endpoint: HTTPEndpoint
    let transport: any HTTPTransport
    let batchSize: Int
    let step: Duration
    let timeout: Duration
    let clock: any SpectatorClock

    func export(_ stepMeasurements: StepMeasurements) -> DeliveryReport {
        let collected = stepMeasurements.collected()
        var report = DeliveryReport()
        let retryDeadline = clock.monotonicNanos() &+ step.wholeNanoseconds / 2
        var unreachable: DropReason?
        for batch in JSONBodyFormat.batches(collected, batchSize: batchSize) {
            // Once the receiver could not be reached or did not answer in time, the rest of the
            // step is dropped for the same reason rather than waited for batch by batch.
            if let unreachable {
                report.drop(batch.count, reason: unreachable)
                continue
            }
            let body = format.body(batch, timestampMillis: stepMeasurements.timestampMillis)
            let outcome = post(body, retryDeadline: retryDeadline)
            report.merge(DeliveryReport(outcome, measurementCount: batch.count))
            if case .failed(let reason, _) = outcome, reason == .connection || reason == .timeout {
                unreachable = reason
            }
        }
        return report
    }

    func shutdown() {
        transport.shutdown()
    }

    /// Posts one body, gzipped if large, retrying while the outcome asks for it and time allows.
    private func post(_ body: [UInt8], retryDeadline: Int64) -> HTTPOutcome {
        var headers = [
            "Content-Type": "application/json", "Accept": "application/json", "User-Agent": SpectatorVersion.userAgent,
        ]
        var payload = body
        if body.count > Self.compressionThreshold, let compressed = Gzip.compress(body) {
            payload = compressed
            headers["Content-Encoding"] = "gzip"
        }
        var attempt = 1
        while true {
            let outcome = transport.post(payload, to: endpoint, headers: headers, timeout: timeout)
            guard attempt < Self.maxAttempts, let delay = retryDelay(after: outcome, attempt: attempt),
                clock.monotonicNanos() &+ delay.wholeNanoseconds < retryDeadline
            else { return outcome }
            Platform.sleep(nanoseconds: delay.wholeNanoseconds)
            attempt += 1
        }
    }

    /// How long to wait before trying again, or `nil` when this outcome is not retried.
    private func retryDelay(after outcome: HTTPOutcome, attempt: Int) -> Duration? {
        let backoff = Duration.milliseconds(100 << (attempt - 1))
        switch outcome {
        case .failed(.connection, _):
            return backoff
        case .response(let status, let headers, _) where status == 429 || status == 503:
            guard let retryAfter = headers["retry-after"] else { return backoff }
            return Int(retryAfter.trimmingWhitespace).map { .seconds(max(0, $0)) } ?? backoff
        default:
            return nil
        }
    }
}

extension DeliveryReport {
    /// What one POST's outcome means for the `count` measurements its body carried.
    ///
    /// - 200 (and other 2xx but 202): all sent.
    /// - 202 and 4xx: read for Atlas' `{"type":…,"errorCount":N}` (``ValidationAnswer``): N dropped
    ///   as `validation`, the rest sent; an answer without it drops them all as `other` (429 as
    ///   `http-error`).
    /// - 5xx: dropped as `http-error`; no answer: dropped for the transport's reason.
    init(_ outcome: HTTPOutcome, measurementCount count: Int) {
        self.init()
        switch outcome {
        case .failed(let reason, let detail):
            drop(count, reason: reason, detail: detail)
        case .response(let status, _, _) where (200..<300).contains(status) && status != 202:
            sent = count
        case .response(let status, _, let body) where status == 202 || (400..<500).contains(status):
            if let rejected = ValidationAnswer.errorCount(body) {
                drop(min(rejected, count), reason: .validation)
                sent = count - min(rejected, count)
            } else {
                drop(count, reason: status == 429 ? .httpError : .other, detail: "HTTP \(status)")
            }
        case .response(let status, _, _) where status >= 500:
            drop(count, reason: .httpError, detail: "HTTP \(status)")
        case .response(let status, _, _):
            drop(count, reason: .other, detail: "HTTP \(status)")
        }
    }
}
