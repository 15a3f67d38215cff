/// Where a ``Publisher`` sends measurements, and so in which wire format.
///
/// | Location | Format |
/// |---|---|
/// | `udp://host:port`, `unix:///path`, `stdout`, `stderr`, `file:///path`, `memory` | SpectatorD line protocol |
/// | `console` | a table per step on standard output, for a person |
/// | `http(s)://…/api/v4/update` | aggregator update JSON (deltas) |
/// | any other `http(s)://…` | Atlas publish JSON (rates per second) |
/// | `none` | nothing is sent |
///
/// ```swift
/// let location = OutputLocation(parsing: "udp://127.0.0.1:1234")   // .udp(host: "127.0.0.1", port: 1234)
/// ```
public enum OutputLocation: Sendable, Equatable, CustomStringConvertible {
    /// Discard everything.
    case none
    /// Keep what is sent in a ``MemoryOutput``, for tests.
    case memory(MemoryOutput)
    /// Write line protocol to standard output, one line per line.
    case stdout
    /// Print each step to standard output as a table a person reads: a row per meter with its count,
    /// rate, mean, max, percentiles or value (not a wire format; for a terminal).
    case console
    /// Write line protocol to standard error, one line per line.
    case stderr
    /// Append line protocol to a file, one line per line.
    case file(path: String)
    /// Send line protocol datagrams to a SpectatorD UDP port; `host` is an IPv4 or IPv6 literal or a name.
    case udp(host: String, port: UInt16)
    /// Send line protocol datagrams to a SpectatorD Unix datagram socket.
    case unix(path: String)
    /// POST JSON to an Atlas publish endpoint or, for a path ending in `/api/v4/update`, an aggregator.
    /// `https://` needs an ``HTTPTransport`` that speaks TLS (the `SpectatorHTTPS` product).
    case http(HTTPEndpoint)

    /// SpectatorD's default, and so every Spectator thin client's: `udp://127.0.0.1:1234`.
    public static let sidecarDefault = OutputLocation.udp(host: "127.0.0.1", port: 1234)

    /// SpectatorD's default Unix socket: `unix:///run/spectatord/spectatord.unix`.
    public static let sidecarUnixDefault = OutputLocation.unix(path: "/run/spectatord/spectatord.unix")

    /// The spellings ``init(parsing:)`` accepts, for the report of one it does not.
    static let spellings =
        "none, memory, stdout, console, stderr, udp, unix, udp://host:port, unix:///path, file:///path or "
        + "http(s)://host/path"

    /// Parses a location as `SPECTATOR_OUTPUT_LOCATION` spells it; `nil` when it is not one.
    ///
    /// Accepts `none`, `memory`, `stdout`, `console`, `stderr`, `udp` and `unix` (the sidecar's defaults),
    /// `udp://host:port` (`udp://[::1]:1234` for IPv6), `unix:///path`, `file:///path` and
    /// `http(s)://host[:port]/path`.
    public init?(parsing text: String) {
        switch text {
        case "none": self = .none
        case "memory": self = .memory(MemoryOutput())
        case "stdout": self = .stdout
        case "console": self = .console
        case "stderr": self = .stderr
        case "udp": self = .sidecarDefault
        case "unix": self = .sidecarUnixDefault
        default:
            guard let location = Self.parseURL(text) else { return nil }
            self = location
        }
    }

    private static func parseURL(_ text: String) -> OutputLocation? {
        if let path = text.strippingPrefix("unix://") {
            return path.hasPrefix("/") && path.count > 1 ? .unix(path: path) : nil
        }
        if let path = text.strippingPrefix("file://") {
            return path.hasPrefix("/") && path.count > 1 ? .file(path: path) : nil
        }
        if let authority = text.strippingPrefix("udp://") {
            return parseHostAndPort(authority).map { .udp(host: $0.host, port: $0.port) }
        }
        return HTTPEndpoint(parsing: text).map { .http($0) }
    }

    /// `host:port` or `[ipv6]:port`, with a port in 1…65535.
    private static func parseHostAndPort(_ authority: String) -> (host: String, port: UInt16)? {
        let host: Substring
        let portText: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = authority.lastIndex(of: ":") else { return nil }
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
            guard !host.contains(":") else { return nil }
        }
        guard !host.isEmpty, !host.contains("/"), let port = UInt16(portText), port > 0 else { return nil }
        return (String(host), port)
    }

    /// Whether this location writes the SpectatorD line protocol (a sidecar or a stream).
    var speaksLineProtocol: Bool {
        switch self {
        case .http, .none, .console: false
        case .memory, .stdout, .stderr, .file, .udp, .unix: true
        }
    }

    /// Whether this location is an Atlas publish endpoint (JSON rates, 60 s default step).
    var isAtlasPublish: Bool {
        if case .http(let endpoint) = self { return !endpoint.path.hasSuffix("/api/v4/update") }
        return false
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .memory: "memory"
        case .stdout: "stdout"
        case .console: "console"
        case .stderr: "stderr"
        case .file(let path): "file://\(path)"
        case .udp(let host, let port): host.contains(":") ? "udp://[\(host)]:\(port)" : "udp://\(host):\(port)"
        case .unix(let path): "unix://\(path)"
        case .http(let endpoint): endpoint.description
        }
    }

    public static func == (lhs: OutputLocation, rhs: OutputLocation) -> Bool {
        switch (lhs, rhs) {
        case (.memory(let left), .memory(let right)): left === right
        default: lhs.description == rhs.description
        }
    }
}

extension String {
    fileprivate func strippingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
