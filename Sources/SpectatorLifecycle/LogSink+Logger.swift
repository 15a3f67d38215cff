#if Lifecycle
public import Logging
public import Spectator

extension LogSink {
    /// A sink that writes every `LogSink.Event` to `logger`: the event's fixed message as the
    /// log message, its particulars (variable, value, reason, …) as metadata, at `.warning` or `.info`.
    ///
    /// ```swift
    /// let logger = Logger(label: "spectator")
    /// let configuration = SpectatorConfiguration(log: .logger(logger))
    /// let registry = Registry(configuration: configuration)
    /// ```
    public static func logger(_ logger: Logger) -> LogSink {
        .events { event in
            var metadata: Logger.Metadata = [:]
            for (key, value) in event.metadata {
                metadata[key] = .string(value)
            }
            logger.log(level: event.level.loggerLevel, "\(event.message)", metadata: metadata)
        }
    }
}

extension LogSink.Event.Level {
    /// The swift-log level for events of this level.
    var loggerLevel: Logger.Level {
        switch self {
        case .info: .info
        case .warning: .warning
        }
    }
}
#endif
