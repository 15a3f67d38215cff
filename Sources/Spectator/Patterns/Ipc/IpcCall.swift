/// One call, served or made, from its start to its finish: made by ``IpcMetrics/startServerCall(endpoint:httpMethod:protocol:clientApp:clientCluster:clientAsg:vip:id:failureInjected:)``
/// or ``IpcMetrics/startClientCall(endpoint:httpMethod:protocol:serverApp:serverCluster:serverAsg:vip:id:attempt:isFinalAttempt:failureInjected:)``.
///
/// ```swift
/// var call = ipc.startServerCall(httpMethod: "POST")
/// do {
///     let answer = try await handle(request)
///     call.endpoint = "/orders"
///     call.finish(httpStatus: answer.status, requestBytes: request.length, responseBytes: answer.length)
/// } catch {
///     call.finish(error: .other, statusDetail: "\(type(of: error))")
/// }
/// ```
///
/// A call is finished once: it cannot be copied, and a `finish` consumes it, so the compiler refuses
/// a second one. A call dropped unfinished (an error thrown past it, a task cancelled) records no
/// call, and still leaves its in-flight series' count right.
public struct IpcCall: ~Copyable, Sendable {
    private let metrics: IpcMetrics
    private let isServer: Bool
    private var key: IpcSeriesKey
    /// Held by `metrics`, which this call holds.
    private let inflight: Unmanaged<IpcInflightSeries>
    private let startNanos: Int64
    private var finished = false

    init(metrics: IpcMetrics, isServer: Bool, key: IpcSeriesKey) {
        self.metrics = metrics
        self.isServer = isServer
        self.key = key
        inflight = metrics.inflightSeries(key.inflight, isServer: isServer)
        inflight._withUnsafeGuaranteedRef { $0.begin() }
        startNanos = metrics.monotonicNanos()
    }

    deinit {
        if !finished { inflight._withUnsafeGuaranteedRef { $0.end() } }
    }

    /// The endpoint the call is published under: a route pattern such as `/users/:id`, set once a
    /// router has matched it (passed through the endpoint's limiter); `unknown` while empty.
    public var endpoint: String {
        get { metrics.value(key[.endpoint], metrics.endpoints) }
        set { key[.endpoint] = metrics.ordinal(newValue, metrics.endpoints) }
    }

    /// Finishes the call with the HTTP status it answered or got: `ipc.status` by the standard
    /// mapping (``IpcStatus/init(httpStatus:)``). A code outside 100…599 leaves `http.status` out and
    /// counts as `unexpected_error`.
    ///
    /// - Parameters:
    ///   - httpStatus: the status code the call answered (served) or got (made).
    ///   - statusDetail: a short reason for a failure (`ipc.status.detail`), empty for none.
    ///   - requestBytes: the request body's length, if known; recorded as the server's inbound size
    ///     or the client's outbound one. Negative: unknown.
    ///   - responseBytes: the response body's length, if known (the server's outbound size, the
    ///     client's inbound one).
    ///   - latency: how long the call took, when it was measured elsewhere (a framework's own
    ///     timing, a simulation); `nil` times it from the start. Negative counts as 0.
    public consuming func finish(
        httpStatus: Int,
        statusDetail: String = "",
        requestBytes: Int? = nil,
        responseBytes: Int? = nil,
        latency: Duration? = nil
    ) {
        // The standard mapping already makes a code outside 100…599 an unexpected error.
        finish(
            status: IpcStatus(httpStatus: httpStatus),
            httpStatus: httpStatus,
            statusDetail: statusDetail,
            requestBytes: requestBytes,
            responseBytes: responseBytes,
            latency: latency
        )
    }

    /// Finishes the call that failed with an error of `kind` (``IpcStatus/init(errorKind:)``), and
    /// the HTTP status that came with it, if any.
    public consuming func finish(
        error kind: IpcErrorKind,
        httpStatus: Int? = nil,
        statusDetail: String = "",
        requestBytes: Int? = nil,
        responseBytes: Int? = nil,
        latency: Duration? = nil
    ) {
        finish(
            status: IpcStatus(errorKind: kind),
            httpStatus: httpStatus,
            statusDetail: statusDetail,
            requestBytes: requestBytes,
            responseBytes: responseBytes,
            latency: latency
        )
    }

    /// Finishes the call with a status of the caller's choosing, such as ``IpcStatus/applicationError``
    /// for a reply that carried an error of the application's.
    public consuming func finish(
        status: IpcStatus,
        httpStatus: Int? = nil,
        statusDetail: String = "",
        requestBytes: Int? = nil,
        responseBytes: Int? = nil,
        latency: Duration? = nil
    ) {
        let code = httpStatus.flatMap { $0 >= 100 && $0 <= 599 ? $0 : nil } ?? 0
        record(
            status: status,
            httpStatus: code,
            statusDetail: statusDetail,
            requestBytes: requestBytes,
            responseBytes: responseBytes,
            latency: latency
        )
    }

    private mutating func record(
        status: IpcStatus,
        httpStatus: Int,
        statusDetail: String,
        requestBytes: Int?,
        responseBytes: Int?,
        latency: Duration?
    ) {
        // A clock that went back, or a negative latency, counts the call as instant rather than losing it.
        let nanoseconds = max(0, latency?.wholeNanoseconds ?? (metrics.monotonicNanos() &- startNanos))
        finished = true
        inflight._withUnsafeGuaranteedRef { $0.end() }
        key.status = status
        key[.httpStatus] = httpStatus
        key[.statusDetail] = metrics.ordinal(statusDetail, metrics.statusDetails)
        let isServer = isServer
        metrics.withCallSeries(key, isServer: isServer) { series in
            series.timer.record(nanoseconds: nanoseconds)
            if let requestBytes, requestBytes >= 0 { series.recordSize(requestBytes, outbound: !isServer) }
            if let responseBytes, responseBytes >= 0 { series.recordSize(responseBytes, outbound: isServer) }
        }
    }
}
