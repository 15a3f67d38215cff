#if Vapor
public import Spectator
public import Vapor

/// Records every request a Vapor application serves as a Common IPC server call: `ipc.server.call`
/// by route pattern, method and status, `ipc.server.inflight`, and the body sizes where known.
///
/// ```swift
/// let app = try await Application.make(.detect())
/// app.middleware.use(IpcMiddleware(registry: registry))
/// app.get("users", ":id") { request in request.parameters.get("id") ?? "" }
/// ```
///
/// `ipc.endpoint` is the route that matched, as Vapor spells it (`/users/:id`); a request no route
/// matched is `unknown`. The status is the response's, or a thrown error's: an `AbortError` by its
/// status (its reason, free text, stays out of the tags), any other error 500 with the error's type
/// as `ipc.status.detail`. `ipc.protocol` is `http_2` for an HTTP/2 request,
/// `http_1` otherwise. A streamed response is finished when the handler returns it.
///
/// Vapor also records each request through swift-metrics (`http_requests_total`,
/// `http_request_duration_seconds`); with a `SpectatorMetricsFactory` bootstrapped both are
/// published. `app.http.server.configuration.reportMetrics = false` keeps only these.
///
/// Route patterns are a closed set, so the endpoint's limiter admits ``defaultEndpointLimit``
/// patterns rather than the family's 25; past it every endpoint rolls up to `--auto-rollup--` (a
/// count is never lost).
public struct IpcMiddleware: Middleware {
    /// How many route patterns the endpoint tag takes before it rolls up: 1 000.
    public static var defaultEndpointLimit: Int { IpcMetrics.routePatternLimit }

    private let metrics: IpcMetrics

    /// Records through `metrics`, whose owner and limits the calls use.
    ///
    /// - Parameter metrics: the recorder of the calls.
    public init(metrics: IpcMetrics) {
        self.metrics = metrics
    }

    /// Records into `registry` under `owner`, the endpoint tag taking up to `endpointLimit` route
    /// patterns.
    ///
    /// - Parameters:
    ///   - registry: where the meters live.
    ///   - owner: the `owner` tag.
    ///   - endpointLimit: how many route patterns `ipc.endpoint` takes before it rolls up.
    public init(registry: Registry, owner: String = "vapor", endpointLimit: Int = defaultEndpointLimit) {
        metrics = IpcMetrics(registry: registry, owner: owner, cardinalityLimits: [IpcTagKey.endpoint: endpointLimit])
    }

    public func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // A future's callback rather than an async middleware: no task to start per request.
        let pending = IpcPendingCall(
            metrics.startServerCall(
                endpoint: request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "",
                httpMethod: request.method.rawValue,
                protocol: request.version.major == 2 ? .http2 : .http1
            )
        )
        let requestBytes = request.headers.first(name: .contentLength).flatMap { Int($0) }
        return next.respond(to: request).always { result in
            pending.finish { call in
                switch result {
                case .success(let response):
                    call.finish(
                        httpStatus: Int(response.status.code),
                        requestBytes: requestBytes,
                        responseBytes: response.body.count
                    )
                case .failure(let error as any AbortError):
                    call.finish(httpStatus: Int(error.status.code), requestBytes: requestBytes)
                case .failure(let error):
                    call.finish(httpStatus: 500, statusDetail: "\(type(of: error))", requestBytes: requestBytes)
                }
            }
        }
    }
}
#endif
