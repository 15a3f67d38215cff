import Hummingbird

/// The service's routes. `MetricsMiddleware` records each request through swift-metrics: the
/// `hb.requests` counter and the `http.server.request.duration` timer, by route, method and status.
public func buildRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.middlewares.add(MetricsMiddleware())
    router.get("hello") { _, _ in "Hello\n" }
    router.get("users/:id") { _, context in
        let id = try context.parameters.require("id", as: Int.self)
        guard id < 1000 else { throw HTTPError(.notFound, message: "no user \(id)") }
        return "user \(id)\n"
    }
    return router
}
