import AsyncHTTPClient
import Hummingbird
import Spectator
import SpectatorAsyncHTTPClient
import SpectatorHummingbird

/// A handler's failure that is no HTTP error: the middleware reports it as a 500.
struct Boom: Error {}

/// The service's routes, each request reported as a Common IPC server call (`ipc.server.call`, by
/// route pattern, method and status) by `IpcMiddleware`.
///
/// - `GET /hello`: 200.
/// - `GET /users/:id`: 200 below 1000, 404 from 1000 on.
/// - `GET /boom`: the handler throws; 500.
/// - `GET /upstream`: calls `upstreamURL` through AsyncHTTPClient, reported as an `ipc.client.call`
///   with the endpoint `upstream`; 200 when that call got a 2xx, 502 otherwise (none configured
///   included).
public func buildRouter(
    registry: Registry,
    upstreamURL: String?,
    httpClient: HTTPClient = .shared
) -> Router<BasicRequestContext> {
    let router = Router()
    router.middlewares.add(IpcMiddleware(registry: registry, owner: "hello-service"))
    let calls = IpcMetrics(registry: registry, owner: "hello-service")
    router.get("hello") { _, _ in "Hello\n" }
    router.get("users/:id") { _, context in
        let id = try context.parameters.require("id", as: Int.self)
        guard id < 1000 else { throw HTTPError(.notFound, message: "no user \(id)") }
        return "user \(id)\n"
    }
    router.get("boom") { _, _ -> String in throw Boom() }
    router.get("upstream") { _, _ -> Response in
        guard let upstreamURL else { return Response(status: .badGateway) }
        do {
            let answer = try await httpClient.execute(
                HTTPClientRequest(url: upstreamURL),
                timeout: .seconds(2),
                ipc: calls,
                endpoint: "upstream"
            )
            return Response(status: (200..<300).contains(answer.status.code) ? .ok : .badGateway)
        } catch {
            return Response(status: .badGateway)
        }
    }
    return router
}
