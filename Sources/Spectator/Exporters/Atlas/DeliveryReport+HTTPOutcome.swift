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
