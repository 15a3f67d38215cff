/// Whether failure was injected into a call, as the `ipc.failure.injected` tag says it.
public enum IpcFailureInjection: String, Sendable, CaseIterable {
    case none, failure, delay
    case delayAndFailure = "delay_and_failure"
}

/// Where a call's answer came from, as the `ipc.source` tag says it.
public enum IpcSource: String, Sendable, CaseIterable {
    case none, evcache, cache, fallback, mesh, direct, validation, filter, memory, application
}

/// The kind of call, as the `ipc.method` tag says it.
public enum IpcMethod: String, Sendable, CaseIterable {
    case unary
    case clientStreaming = "client_streaming"
    case serverStreaming = "server_streaming"
    case bidiStreaming = "bidi_streaming"
    case get, post, put, patch, delete, options, query, mutation, subscription, unknown
}

/// The protocol of a call, as the `ipc.protocol` tag says it: an open set, with the family's three
/// values as constants.
///
/// ```swift
/// let spoken: IpcProtocol = .http2  // "http_2"
/// ```
public struct IpcProtocol: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// HTTP/1.x.
    public static let http1 = IpcProtocol(rawValue: "http_1")
    /// HTTP/2.
    public static let http2 = IpcProtocol(rawValue: "http_2")
    /// gRPC.
    public static let grpc = IpcProtocol(rawValue: "grpc")
}
