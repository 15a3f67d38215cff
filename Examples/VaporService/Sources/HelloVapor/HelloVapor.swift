import Vapor

/// The service's routes. Vapor's own responder records each request through swift-metrics:
/// `http_requests_total` (and `http_request_errors_total` for a 5xx) and the
/// `http_request_duration_seconds` timer, by `method`, `path` (the route) and `status`.
public func addRoutes(to app: Application) {
    app.get("hello") { _ in "Hello\n" }
    app.get("users", ":id") { request -> String in
        guard let id = request.parameters.get("id", as: Int.self) else { throw Abort(.badRequest) }
        guard id < 1000 else { throw Abort(.notFound, reason: "no user \(id)") }
        return "user \(id)\n"
    }
    app.get("boom") { _ -> String in throw Abort(.internalServerError, reason: "boom") }
}
