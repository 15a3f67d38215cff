/// Where the library reports what it cannot do silently: type conflicts, refused meters, invalid ids,
/// unusable settings, publishing failures.
///
/// The library never throws or traps on bad input; it reports a ``Event`` here instead. The
/// default writes one line to standard error. Replace it to route the events into your own logging,
/// as one line each or with their particulars as metadata (the `SpectatorLifecycle` product has a
/// swift-log sink):
///
/// ```swift
/// let lines = LogSink { line in print("metrics:", line) }
/// let events = LogSink.events { event in print(event.message, event.metadata) }
/// let registry = Registry(log: lines)
/// ```
public struct LogSink: Sendable {
    private let write: @Sendable (Event) -> Void

    /// Creates a sink that hands every event, as one line (its ``Event/description``), to `write`.
    /// It may be called from any thread.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = { write($0.description) }
    }

    private init(events write: @escaping @Sendable (Event) -> Void) {
        self.write = write
    }

    /// A sink that hands every event, with its level and metadata, to `write`. It may be called from
    /// any thread.
    public static func events(_ write: @escaping @Sendable (Event) -> Void) -> LogSink {
        LogSink(events: write)
    }

    /// Writes each event as one line to standard error, prefixed with `spectator:`.
    public static let standardError = LogSink.events { event in
        Platform.writeToStandardError("spectator: \(event)\n")
    }

    /// Drops every event.
    public static let discard = LogSink.events { _ in }

    /// Reports `event`.
    public func callAsFunction(_ event: Event) {
        write(event)
    }
}
