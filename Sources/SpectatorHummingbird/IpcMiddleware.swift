#if Hummingbird
public import Hummingbird
public import Spectator
import Synchronization

/// Records every request a Hummingbird router serves as a Common IPC server call: `ipc.server.call`
/// by route pattern, method and status, `ipc.server.inflight`, and the body sizes where known.
///
/// ```swift
/// let router = Router()
/// router.middlewares.add(IpcMiddleware(registry: registry))  // before the routes it measures
/// router.get("users/:id") { _, context in try context.parameters.require("id") }
/// ```
///
/// `ipc.endpoint` is the route that matched, spelled `/users/:id` (Hummingbird's `{id}` captures
/// are written as `:id`, as Vapor writes them); a request no route matched is `unknown`. The status
/// is the response's, or a thrown error's: an `HTTPResponseError` by its status, any other error
/// 500 with the error's type as `ipc.status.detail`. A response is finished once its body has been
/// written, so a streamed body counts until its last byte.
///
/// Route patterns are a closed set, so the endpoint's limiter admits ``defaultEndpointLimit``
/// patterns rather than the family's 25; past it every endpoint rolls up to `--auto-rollup--` (a
/// count is never lost).
public struct IpcMiddleware<Context: RequestContext>: RouterMiddleware {
    /// How many route patterns the endpoint tag takes before it rolls up: 1 000.
    public static var defaultEndpointLimit: Int { IpcMetrics.routePatternLimit }

    private let metrics: IpcMetrics
    private let ipcProtocol: IpcProtocol
    private let patterns = EndpointPatterns()

    /// Records through `metrics`, whose owner and limits the calls use.
    ///
    /// - Parameters:
    ///   - metrics: the recorder of the calls.
    ///   - protocol: what the server speaks: `http_1` unless it serves HTTP/2.
    public init(metrics: IpcMetrics, protocol: IpcProtocol = .http1) {
        self.metrics = metrics
        ipcProtocol = `protocol`
    }

    /// Records into `registry` under `owner`, the endpoint tag taking up to `endpointLimit` route
    /// patterns.
    ///
    /// - Parameters:
    ///   - registry: where the meters live.
    ///   - owner: the `owner` tag.
    ///   - endpointLimit: how many route patterns `ipc.endpoint` takes before it rolls up.
    ///   - protocol: what the server speaks: `http_1` unless it serves HTTP/2.
    public init(
        registry: Registry,
        owner: String = "hummingbird",
        endpointLimit: Int = defaultEndpointLimit,
        protocol: IpcProtocol = .http1
    ) {
        let metrics = IpcMetrics(
            registry: registry,
            owner: owner,
            cardinalityLimits: [IpcTagKey.endpoint: endpointLimit]
        )
        self.init(metrics: metrics, protocol: `protocol`)
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let call = metrics.startServerCall(
            endpoint: context.endpointPath.map(patterns.pattern) ?? "",
            httpMethod: request.method.rawValue,
            protocol: ipcProtocol
        )
        let requestBytes = request.headers[.contentLength].flatMap { Int($0) }
        let pending = IpcPendingCall(call)
        do {
            var response = try await next(request, context)
            response.body = Self.finishing(
                pending,
                response.body,
                httpStatus: response.status.code,
                requestBytes: requestBytes
            )
            return response
        } catch {
            pending.finish { call in
                if let answer = error as? any HTTPResponseError {
                    call.finish(httpStatus: answer.status.code, requestBytes: requestBytes)
                } else {
                    call.finish(httpStatus: 500, statusDetail: "\(type(of: error))", requestBytes: requestBytes)
                }
            }
            throw error
        }
    }

    /// `body`, which finishes `pending` with `httpStatus` once it has been written (or failed to be):
    /// its length is the response size, counted as it goes when it was not known in advance.
    static func finishing(
        _ pending: IpcPendingCall,
        _ body: ResponseBody,
        httpStatus: Int,
        requestBytes: Int?
    ) -> ResponseBody {
        let knownLength = body.contentLength
        return ResponseBody(contentLength: knownLength) { writer in
            let written = WrittenBytes()
            do {
                if knownLength == nil {
                    try await body.write(
                        writer.map { buffer in
                            written.count.add(buffer.readableBytes, ordering: .relaxed)
                            return buffer
                        }
                    )
                } else {
                    try await body.write(writer)
                }
            } catch {
                // The peer went away mid-body: the call failed on the connection.
                pending.finish { call in
                    call.finish(error: .connection, httpStatus: httpStatus, requestBytes: requestBytes)
                }
                throw error
            }
            let responseBytes = knownLength ?? written.count.load(ordering: .relaxed)
            pending.finish { call in
                call.finish(httpStatus: httpStatus, requestBytes: requestBytes, responseBytes: responseBytes)
            }
        }
    }
}

/// The bytes of a body whose length was not known in advance, counted as they are written.
final class WrittenBytes: Sendable {
    let count = Atomic<Int>(0)
}

/// Hummingbird's route paths as the family writes them, `/users/{id}` as `/users/:id`, each
/// worked out once: a router has few routes.
final class EndpointPatterns: Sendable {
    private let known = Mutex<[String: String]>([:])

    /// `endpointPath` as the family writes it.
    func pattern(_ endpointPath: String) -> String {
        guard endpointPath.utf8.contains(UInt8(ascii: "{")) else { return endpointPath }
        if let known = known.withLock({ $0[endpointPath] }) { return known }
        let pattern = Self.pattern(endpointPath)
        // Bounded: past the endpoint limit every endpoint rolls up anyway.
        known.withLock { if $0.count < IpcMetrics.routePatternLimit { $0[endpointPath] = pattern } }
        return pattern
    }

    /// `/users/{id}` as `/users/:id`.
    static func pattern(_ endpointPath: String) -> String {
        String(endpointPath.compactMap { $0 == "{" ? ":" : $0 == "}" ? nil : $0 })
    }
}
#endif
