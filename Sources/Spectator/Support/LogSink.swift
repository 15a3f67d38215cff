/// Where the library reports what it cannot do silently: type conflicts, refused meters, invalid ids.
///
/// The library never throws or traps on bad input; it records a message here instead. The default
/// writes one line to standard error. Replace it to route messages into your own logging:
///
/// ```swift
/// let registry = Registry(log: LogSink { message in logger.warning("\(message)") })
/// ```
public struct LogSink: Sendable {
    private let write: @Sendable (String) -> Void

    /// Creates a sink that hands every message to `write`. It may be called from any thread.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes each message as one line to standard error, prefixed with `spectator:`.
    public static let standardError = LogSink { message in
        Platform.writeToStandardError("spectator: \(message)\n")
    }

    /// Drops every message.
    public static let discard = LogSink { _ in }

    /// Reports `message`.
    public func callAsFunction(_ message: String) {
        write(message)
    }
}
