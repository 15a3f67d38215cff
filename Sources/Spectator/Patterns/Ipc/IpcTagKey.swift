/// The tag keys of Common IPC metrics, spelled as Atlas's dashboards and the family's validator
/// read them (spectator-java's `IpcTagKey`).
///
/// ```swift
/// registry.counter("checkout", tags: [IpcTagKey.endpoint: "/cart", IpcTagKey.httpMethod: "post"])
/// ```
public enum IpcTagKey {
    /// The library or integration that recorded the metric: required on every IPC metric.
    public static let owner = "owner"
    /// `success` or `failure` (``IpcResult``), derived from ``status``: required on calls.
    public static let result = "ipc.result"
    /// The call's status (``IpcStatus``): required on calls.
    public static let status = "ipc.status"
    /// A short name for why the call failed, such as `connect_timeout`.
    public static let statusDetail = "ipc.status.detail"
    /// The server endpoint called: a route pattern such as `/users/:id`, never a raw path.
    public static let endpoint = "ipc.endpoint"
    /// Which attempt of a client's call this was (``IpcAttempt``): required on client calls.
    public static let attempt = "ipc.attempt"
    /// Whether this attempt was the client's last (``IpcAttemptFinal``): required on client calls.
    public static let attemptFinal = "ipc.attempt.final"
    /// Whether failure was injected into the call (``IpcFailureInjection``).
    public static let failureInjected = "ipc.failure.injected"
    /// Where the answer came from (``IpcSource``).
    public static let source = "ipc.source"
    /// The kind of call (``IpcMethod``).
    public static let method = "ipc.method"
    /// The protocol of the call (``IpcProtocol``).
    public static let `protocol` = "ipc.protocol"
    /// The VIP the client used to find the server.
    public static let vip = "ipc.vip"
    /// The name of the client or server instance that made the call, as its configuration names it.
    public static let id = "id"
    /// The HTTP method, in lower case (`get`).
    public static let httpMethod = "http.method"
    /// The HTTP status code, 100 to 599.
    public static let httpStatus = "http.status"
    /// The calling application (on a server's metrics).
    public static let clientApp = "ipc.client.app"
    /// The calling cluster (on a server's metrics).
    public static let clientCluster = "ipc.client.cluster"
    /// The calling server group (on a server's metrics).
    public static let clientAsg = "ipc.client.asg"
    /// The called application (on a client's metrics).
    public static let serverApp = "ipc.server.app"
    /// The called cluster (on a client's metrics).
    public static let serverCluster = "ipc.server.cluster"
    /// The called server group (on a client's metrics).
    public static let serverAsg = "ipc.server.asg"
}
