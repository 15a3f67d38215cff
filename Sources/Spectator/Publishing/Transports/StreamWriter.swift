#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes lines to standard output, standard error or a file (opened for appending on first use and
/// reopened after a failure).
final class StreamWriter: Sendable {
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
            if fd >= 0 { close(fd) }
        }
    }

    /// Writes `bytes` completely; returns the `errno` of a failure.
    func write(_ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes `bytes` completely; returns the `errno` of a failure.
    func write(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        fileDescriptor.withLock { fd in
            let target: Int32
            switch self.target {
            case .standardOutput: target = 1
            case .standardError: target = 2
            case .file(let path):
                if fd < 0 { fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) }
                guard fd >= 0 else { return errno }
                target = fd
            }
            let failure = Platform.withoutSIGPIPE { Platform.writeAll(bytes, to: target) }
            if failure != nil, fd >= 0 {
                close(fd)
                fd = -1
            }
            return failure
        }
    }
}
