package import Spectator

/// Collects what a registry logs, for assertions.
package final class LogLines: Sendable {
    private let lines = Locked<[String]>([])

    package init() {}

    package var sink: LogSink { LogSink { line in self.lines.withLock { $0.append(line) } } }

    package var all: [String] { lines.withLock { $0 } }
}
