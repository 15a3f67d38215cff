import Spectator
import SpectatorVapor
import Vapor

/// A handler's failure that is no `Abort`: the middleware reports it as a 500.
struct Boom: Error {}

/// The service's routes, each request reported as a Common IPC server call (`ipc.server.call`, by
/// route pattern, method and status) by `IpcMiddleware`; Vapor's own swift-metrics recording is
/// turned off, so that these are the only request metrics.
///
/// - `GET /hello`: 200.
/// - `GET /users/:id`: 200 below 1000, 404 from 1000 on.
/// - `GET /boom`: the handler throws; 500.
public func configure(_ app: Application, registry: Registry) {
    app.http.server.configuration.reportMetrics = false
    app.middleware.use(IpcMiddleware(registry: registry, owner: "hello-vapor"))
    app.get("hello") { _ in "Hello\n" }
    app.get("users", ":id") { request -> String in
        guard let id = request.parameters.get("id", as: Int.self) else { throw Abort(.badRequest) }
        guard id < 1000 else { throw Abort(.notFound, reason: "no user \(id)") }
        return "user \(id)\n"
    }
    app.get("boom") { _ -> String in throw Boom() }
}
