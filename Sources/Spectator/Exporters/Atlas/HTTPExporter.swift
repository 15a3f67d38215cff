/// POSTs a step's JSON bodies to an Atlas publish endpoint or an atlas-aggregator, with the retry and
/// accounting rules of Spectator's Java client
/// ([PublishPayload](https://github.com/Netflix/spectator/blob/HEAD/spectator-reg-atlas/src/main/java/com/netflix/spectator/atlas/impl/PublishPayload.java),
/// [HttpRequestBuilder](https://github.com/Netflix/spectator/blob/HEAD/spectator-ext-ipc/src/main/java/com/netflix/spectator/ipc/http/HttpRequestBuilder.java)).
///
/// - Connection failures, 429 and 503 are retried, at most ``maxAttempts`` times in all, with
///   exponential backoff (or the server's `Retry-After`), as long as the retries fit in half a step.
/// - 200 (and other 2xx but 202) counts the batch as sent. 202 and 4xx answers are read for Atlas'
///   `{"type":…,"errorCount":N}`: N measurements are dropped as `validation`, the rest sent; an
///   answer without it drops the batch as `other`. 5xx, and 429/503 after the retries, drop it as
///   `http-error`; no answer in time drops it as `timeout`.
/// - A batch that gets no answer (no connection, or none in time) drops the rest of the step with it:
///   an unreachable receiver costs a step one batch's attempts, not one per batch.
struct HTTPDelivery: Sendable {
    static let maxAttempts = 3
    /// Bodies larger than this are gzip-compressed.
    static let compressionThreshold = 4096

    let endpoint: HTTPEndpoint
    let transport: any HTTPTransport
    let step: Duration
    let timeout: Duration
    let clock: any SpectatorClock

    /// Posts one step's bodies in order, each with the number of measurements it carries.
    func deliver(_ bodies: some Sequence<(body: [UInt8], measurementCount: Int)>) -> DeliveryReport {
        var report = DeliveryReport()
        let retryDeadline = clock.monotonicNanos() &+ step.wholeNanoseconds / 2
        var unreachable: DropReason?
        for (body, count) in bodies {
            // Once the receiver could not be reached or did not answer in time, the rest of the
            // step is dropped for the same reason rather than waited for batch by batch.
            if let unreachable {
                report.drop(count, reason: unreachable)
                continue
            }
            let (batchReport, failure) = post(body, measurementCount: count, retryDeadline: retryDeadline)
            report.merge(batchReport)
            if failure == .connection || failure == .timeout { unreachable = failure }
        }
        return report
    }

    /// Posts one batch, with retries; also returns why no answer came, if none did.
    private func post(
        _ body: [UInt8],
        measurementCount: Int,
        retryDeadline: Int64
    ) -> (report: DeliveryReport, failure: DropReason?) {
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
            if attempt < Self.maxAttempts, let delay = retryDelay(after: outcome, attempt: attempt),
                clock.monotonicNanos() &+ delay.wholeNanoseconds < retryDeadline
            {
                Platform.sleep(nanoseconds: delay.wholeNanoseconds)
                attempt += 1
                continue
            }
            var failure: DropReason?
            if case .failed(let reason, _) = outcome { failure = reason }
            return (Self.account(outcome, measurementCount: measurementCount), failure)
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

    /// What an outcome means for the batch's measurements.
    static func account(_ outcome: HTTPOutcome, measurementCount count: Int) -> DeliveryReport {
        var report = DeliveryReport()
        switch outcome {
        case .failed(let reason, let detail):
            report.drop(count, reason: reason, detail: detail)
        case .response(let status, _, _) where (200..<300).contains(status) && status != 202:
            report.sent = count
        case .response(let status, _, let body) where status == 202 || (400..<500).contains(status):
            if let rejected = ValidationAnswer.errorCount(body) {
                report.drop(min(rejected, count), reason: .validation)
                report.sent = count - min(rejected, count)
            } else {
                report.drop(count, reason: status == 429 ? .httpError : .other, detail: "HTTP \(status)")
            }
        case .response(let status, _, _) where status >= 500:
            report.drop(count, reason: .httpError, detail: "HTTP \(status)")
        case .response(let status, _, _):
            report.drop(count, reason: .other, detail: "HTTP \(status)")
        }
        return report
    }
}
