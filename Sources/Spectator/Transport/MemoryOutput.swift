/// Keeps the line protocol a ``Publisher`` sends, so a test can assert on it.
///
/// ```swift
/// let output = MemoryOutput()
/// var configuration = SpectatorConfiguration(environment: [:])
/// configuration.outputLocation = .memory(output)
/// // … record, publisher.flush() …
/// #expect(output.lines.contains("c:requests,statistic=count:1"))
/// ```
///
/// It holds at most ``capacity`` lines; past that, new lines are dropped and counted as dropped with
/// `error=memory-full`, so a forgotten memory output cannot grow without bound.
public final class MemoryOutput: LineTransport, Sendable {
    /// The most lines kept.
    public let capacity: Int
    private let stored = Locked<[String]>([])

    /// Creates an empty output that keeps up to `capacity` lines.
    public init(capacity: Int = 100_000) {
        self.capacity = max(0, capacity)
    }

    /// Every line received so far, oldest first.
    public var lines: [String] { stored.withLock { $0 } }

    /// Returns every line received so far and forgets them.
    public func removeAll() -> [String] {
        stored.withLock { lines in
            defer { lines.removeAll() }
            return lines
        }
    }

    /// Keeps as many of the `lineCount` lines in `bytes` (each ended by `\n`) as fit; the rest are
    /// dropped as `memory-full`.
    func deliver(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> DeliveryReport {
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        var report = DeliveryReport()
        report.sent = stored.withLock { stored in
            let accepted = min(lines.count, capacity - stored.count)
            stored.append(contentsOf: lines.prefix(accepted))
            return accepted
        }
        report.drop(lineCount - report.sent, reason: .memoryFull)
        return report
    }
}
