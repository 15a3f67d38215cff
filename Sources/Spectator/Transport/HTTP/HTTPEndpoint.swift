/// An `http://` or `https://` receiver: scheme, host, port and request target, parsed once from the
/// address as `SPECTATOR_OUTPUT_LOCATION` spells it.
///
/// ```swift
/// let endpoint = HTTPEndpoint(parsing: "http://localhost:7101/api/v1/publish")!
/// endpoint.host     // "localhost"
/// endpoint.port     // 7101
/// endpoint.target   // "/api/v1/publish"
/// ```
///
/// Accepted: `http(s)://host[:port][/path][?query]`, the host a name, an IPv4 literal or a bracketed
/// IPv6 literal (`http://[::1]:7101/…`), the port 1…65535 (80 or 443 when absent). A fragment
/// (`#…`) is dropped. Refused: user info (`user@host`), spaces and control characters, an empty host.
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Whether the scheme is `https`.
    public let isSecure: Bool
    /// The host, without the brackets of an IPv6 literal.
    public let host: String
    /// The port: the one given, or 80 for `http` and 443 for `https`.
    public let port: UInt16
    /// The request target: the path (at least `/`) and the query, as given.
    public let target: String
    /// Whether the address named the port.
    let hasExplicitPort: Bool

    /// Parses `text`; `nil` when it is not an `http://` or `https://` address this type accepts.
    public init?(parsing text: String) {
        guard !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return nil }
        let lowered = text.lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            isSecure = true
            rest = text.dropFirst("https://".count)
        } else if lowered.hasPrefix("http://") {
            isSecure = false
            rest = text.dropFirst("http://".count)
        } else {
            return nil
        }
        let withoutFragment = rest.prefix { $0 != "#" }
        let authorityEnd = withoutFragment.firstIndex { $0 == "/" || $0 == "?" } ?? withoutFragment.endIndex
        let authority = withoutFragment[..<authorityEnd]
        guard !authority.contains("@"), let (host, port) = Self.hostAndPort(authority) else { return nil }
        self.host = host
        hasExplicitPort = port != nil
        self.port = port ?? (isSecure ? 443 : 80)
        let target = withoutFragment[authorityEnd...]
        self.target = target.hasPrefix("/") ? String(target) : "/" + target
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; the port `nil` when absent.
    private static func hostAndPort(_ authority: Substring) -> (String, UInt16?)? {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        guard let portText else { return (String(host), nil) }
        guard let port = UInt16(portText), port > 0 else { return nil }
        return (String(host), port)
    }

    /// `http` or `https`.
    public var scheme: String { isSecure ? "https" : "http" }

    /// The target's path, without the query.
    public var path: Substring { target.prefix { $0 != "?" } }

    /// The `Host` header's value: the host (bracketed when IPv6) and the port when the address named it.
    public var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return hasExplicitPort ? "\(bracketed):\(port)" : bracketed
    }

    /// The address: `scheme://host[:port]target`.
    public var description: String { "\(scheme)://\(hostHeader)\(target)" }
}
