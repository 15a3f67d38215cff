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

extension LogSink {
    /// Something the library reports instead of throwing or trapping: a refused meter, an unusable
    /// setting, a publishing failure.
    ///
    /// ``message`` is a fixed sentence for the kind of event and ``metadata`` holds its particulars, so a
    /// structured logger can index them; ``description`` is the one-line form with the particulars
    /// written in, as the standard-error sink prints it.
    ///
    /// ```swift
    /// let sink = LogSink.events { event in
    ///     print(event.level, event.message, event.metadata)
    /// }
    /// ```
    public struct Event: Sendable, CustomStringConvertible {
        /// How much the event matters.
        public enum Level: Sendable {
            /// Things are back to normal (e.g. publishing recovered).
            case info
            /// Data was or will be lost, or a setting was ignored.
            case warning
        }

        /// How much the event matters.
        public let level: Level
        /// A fixed sentence for this kind of event, e.g. `publishing failed`.
        public let message: String
        /// The event's particulars, in a fixed order, e.g. `reason: connection`, `dropped: 12`.
        public let metadata: [(key: String, value: String)]
        /// The event as one line, particulars included.
        public let description: String

        init(_ level: Level, _ message: String, _ metadata: [(key: String, value: String)], description: String) {
            self.level = level
            self.message = message
            self.metadata = metadata
            self.description = description
        }
    }
}

// MARK: - The events the library reports

extension LogSink.Event {
    /// A variable whose value cannot be used; its default stays.
    static func unusableSetting(_ variable: String, value: String, expected: String) -> Self {
        Self(
            .warning,
            "ignoring a setting that cannot be used; the default stays",
            [("variable", variable), ("value", value), ("expected", expected)],
            description: "ignoring \(variable)=\(value.debugDescription): expected \(expected); using the default"
        )
    }

    /// A list setting of which only some items could be used.
    static func partlyUsableSetting(
        _ variable: String,
        value: String,
        kept: [String],
        ignored: [String],
        expected: String
    ) -> Self {
        let keptText = kept.isEmpty ? "nothing" : kept.joined(separator: ",")
        let ignoredText = ignored.map(\.debugDescription).joined(separator: ", ")
        return Self(
            .warning,
            "ignoring the items of a setting that cannot be used; the others are applied",
            [
                ("variable", variable), ("value", value), ("kept", kept.joined(separator: ",")),
                ("ignored", ignored.joined(separator: ",")), ("expected", expected),
            ],
            description:
                "\(variable)=\(value.debugDescription): kept \(keptText); ignoring \(ignoredText): expected \(expected)"
        )
    }

    /// A meter was asked for with an empty name.
    static func emptyName(tags: [Tag]) -> Self {
        Self(
            .warning,
            "a meter with an empty name gets a no-op meter",
            [("tags", tags.map(\.description).joined(separator: ","))],
            description: "a meter with an empty name was requested (tags: \(tags)); it gets a no-op meter"
        )
    }

    /// An id already registered as one meter type was asked for as another.
    static func typeConflict(_ id: MeterId, registered: String, requested: String) -> Self {
        Self(
            .warning,
            "an id registered as another meter type gets a no-op meter",
            [("id", id.description), ("registered", registered), ("requested", requested)],
            description: "\(id) is registered as a \(registered), not a \(requested); that request gets a no-op meter"
        )
    }

    /// The registry reached its cap; this and later new ids get no-op meters.
    static func registryFull(maxMeters: Int) -> Self {
        Self(
            .warning,
            "the registry is full; new ids get no-op meters",
            [("maxMeters", String(maxMeters))],
            description: "the registry holds its maximum of \(maxMeters) meters; new ids get no-op meters from now on"
        )
    }

    /// A step's measurements were dropped for `reason` (the first step of a run of such failures), with
    /// what the failure said, when it said something.
    static func publishingFailed(reason: String, dropped: Int, detail: String? = nil) -> Self {
        Self(
            .warning,
            "publishing failed",
            [("reason", reason), ("dropped", String(dropped))] + (detail.map { [("detail", $0)] } ?? []),
            description: "publishing failed (\(reason)); dropped \(dropped) measurements this step"
                + (detail.map { ": \($0)" } ?? "")
        )
    }

    /// An `https://` output without a transport that speaks TLS: every step will be dropped.
    static func noTLSTransport(_ endpoint: HTTPEndpoint) -> Self {
        Self(
            .warning,
            "https output without a TLS transport; every step is dropped",
            [("location", endpoint.description), ("fix", "add the SpectatorHTTPS product and set httpTransport")],
            description: """
                cannot publish to \(endpoint): the Spectator library speaks plain http only. Add the \
                SpectatorHTTPS product (.product(name: "SpectatorHTTPS", package: "spectator-swift")) and set \
                configuration.httpTransport = AsyncHTTPTransport(); until then every step is dropped \
                (spectator.measurements{id=dropped,error=other})
                """
        )
    }

    /// A source of process metrics cannot be read; its meters publish nothing.
    static func processMetricUnavailable(source: String, reason: String) -> Self {
        Self(
            .warning,
            "a process metric source cannot be read; its meters publish nothing",
            [("source", source), ("reason", reason)],
            description: "process metrics: cannot read \(source) (\(reason)); its meters publish nothing"
        )
    }

    /// The system refused the publisher a thread; it publishes only when flushed or stopped.
    static let noPublishingThread = Self(
        .warning,
        "no thread for the publisher; it publishes only on flush() and stop()",
        [],
        description: "the system refused the publisher a thread; it publishes only on flush() and stop()"
    )

    /// A step was delivered after failing ones.
    static let publishingRecovered = Self(.info, "publishing recovered", [], description: "publishing recovered")
}
