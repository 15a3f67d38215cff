/// Writes lines to standard output, standard error or a file (opened for appending on first use and
/// reopened after a failure).
final class StreamTransport: LineTransport, Sendable {
    enum Target: Sendable, Equatable {
        case standardOutput
        case standardError
        case file(path: String)
    }

    let target: Target
    /// The descriptor of an opened file, or -1.
    private let fileDescriptor = Locked<Int32>(-1)

    init(_ target: Target) {
        self.target = target
    }

    deinit {
        fileDescriptor.withLock { fd in
            if fd >= 0 { Platform.closeDescriptor(fd) }
        }
    }

    /// Writes `bytes` completely: all `lineCount` lines sent, or all dropped with the failure's reason.
    func deliver(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> DeliveryReport {
        var report = DeliveryReport()
        if let failure = write(bytes) {
            report.drop(lineCount, reason: failure.reason, detail: failure.detail)
        } else {
            report.sent = lineCount
        }
        return report
    }

    /// Writes `bytes` completely; a failure (counted as `socket`) when the file cannot be opened or
    /// written.
    func write(_ bytes: UnsafeRawBufferPointer) -> TransportFailure? {
        fileDescriptor.withLock { fd in
            let descriptor: Int32
            switch self.target {
            case .standardOutput: descriptor = 1
            case .standardError: descriptor = 2
            case .file(let path):
                if fd < 0 {
                    switch Platform.openForAppending(path) {
                    case .success(let opened): fd = opened
                    case .failure(let failure): return TransportFailure(.socket, failure.detail)
                    }
                }
                descriptor = fd
            }
            guard let code = Platform.writeAll(bytes, to: descriptor) else { return nil }
            if fd >= 0 {
                Platform.closeDescriptor(fd)
                fd = -1
            }
            return TransportFailure(.socket, Platform.CallFailure(errno: code, doing: "write").detail)
        }
    }
}
