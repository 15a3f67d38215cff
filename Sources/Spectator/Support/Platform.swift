#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("Platform.swift: an unknown C library; add its branch")
#endif

/// The libc calls the library makes, all of them: this type and its extensions (`Platform+*.swift`)
/// are the only code that imports libc or names an operating system.
///
/// - Note: Linux (Glibc) is where the library is built and tested. The Darwin (and Musl) branches
///   follow swift-nio's shipped code (`NIOPosix/System.swift`, `BSDSocketAPIPosix.swift`,
///   `ThreadPosix.swift`) and are not run by this project's CI.
enum Platform {
    /// Writes `text` to standard error (or `descriptor`) with a single `write(2)`, so concurrent lines
    /// do not interleave; returns the `errno` of a failure.
    @discardableResult
    static func writeToStandardError(_ text: String, descriptor: Int32 = 2) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes all of `bytes` to `descriptor`, again after a partial write or an interrupted one
    /// (`EINTR`), with `SIGPIPE` kept from ending the process (``withoutSIGPIPE(_:)``); returns the
    /// `errno` of a failure (`EIO` for a write that wrote nothing, `EPIPE` when the reader has gone).
    ///
    /// On Darwin a `SIGPIPE` may be delivered to another thread than the writing one, where blocking
    /// it on this thread does not help, so the descriptor itself is marked `F_SETNOSIGPIPE` first (as
    /// swift-nio's `SocketProtocols.swift` marks its sockets; it applies to pipes too).
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        #if canImport(Darwin)
        _ = fcntl(descriptor, F_SETNOSIGPIPE, 1)
        #endif
        return withoutSIGPIPE {
            var offset = 0
            while offset < bytes.count {
                switch syscall({ write(descriptor, bytes.baseAddress! + offset, bytes.count - offset) }) {
                case .failure(let error): return error.code
                case .success(0): return EIO
                case .success(let written): offset += written
                }
            }
            return nil
        }
    }

    /// Opens (creating it if needed) the file at `path` for appending; returns the descriptor, or
    /// why it could not.
    static func openForAppending(_ path: String) -> Result<Int32, CallFailure> {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        return fd >= 0 ? .success(fd) : .failure(CallFailure(errno: errno, doing: "open \(path)"))
    }

    /// Runs `write`, which returns the `errno` of a failure, with `SIGPIPE` blocked on this thread,
    /// and takes back a `SIGPIPE` the write raised: a pipe whose reader has gone is an `EPIPE` error,
    /// not the end of the process. The process's own handling of `SIGPIPE` is left as it was.
    private static func withoutSIGPIPE(_ write: () -> Int32?) -> Int32? {
        var sigpipe = sigset_t()
        sigemptyset(&sigpipe)
        sigaddset(&sigpipe, SIGPIPE)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &sigpipe, &previousMask)
        defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }
        var pending = sigset_t()
        sigpending(&pending)
        let alreadyPending = sigismember(&pending, SIGPIPE) == 1
        let failure = write()
        if failure == EPIPE && !alreadyPending {
            // The signal is blocked and pending, so `sigwait` takes it without waiting. (Not
            // `sigtimedwait`: Darwin has none.)
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var taken: Int32 = 0
                sigwait(&sigpipe, &taken)
            }
        }
        return failure
    }

    /// Wall-clock time in milliseconds since the Unix epoch.
    static func wallTimeMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Monotonic time in nanoseconds, unaffected by wall-clock changes: `CLOCK_MONOTONIC` on Linux,
    /// `CLOCK_UPTIME_RAW` on Darwin (what swift-nio's deadlines read there, through Dispatch).
    static func monotonicNanos() -> Int64 {
        #if canImport(Darwin)
        return Int64(clamping: clock_gettime_nsec_np(CLOCK_UPTIME_RAW))
        #else
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
        #endif
    }

    /// The natural logarithm of `value` (libm's `log`).
    static func naturalLogarithm(_ value: Double) -> Double {
        log(value)
    }

    /// Gives the rest of this thread's time slice to another thread.
    static func yieldThread() {
        sched_yield()
    }

    /// An identifier of the calling thread, cheap to get (`pthread_self`).
    @inline(__always)
    static func currentThreadID() -> UInt64 {
        #if canImport(Darwin) || canImport(Musl)
        UInt64(UInt(bitPattern: pthread_self()))
        #else
        UInt64(pthread_self())
        #endif
    }
}

extension Platform {
    /// The `errno` a system call failed with.
    struct Errno: Error, Equatable {
        let code: Int32
    }

    /// Why a call that moves bytes failed, in the platform's own words: what the failure means for
    /// the bytes (``Kind``), and a detail for the log (`connect: Connection refused`). The transports
    /// count it under their own reasons.
    struct CallFailure: Error, Equatable {
        /// What a failure means for the bytes that were to go.
        enum Kind: Equatable {
            /// The receiver cannot be reached: nothing listening, no route, no such socket path, a
            /// reset connection, a name that does not resolve.
            case unreachable
            /// More bytes than the system takes at once (`EMSGSIZE`).
            case tooLarge
            /// The deadline passed first.
            case timedOut
            /// Any other failure (a full buffer, a full disk, no descriptor left, …).
            case failed
        }

        let kind: Kind
        let detail: String

        init(_ kind: Kind, _ detail: String) {
            self.kind = kind
            self.detail = detail
        }

        /// The failure of `call`, which set `errno` to `code`: its kind read from the code, its
        /// detail the call and `strerror`'s text.
        init(errno code: Int32, doing call: String) {
            let kind: Kind =
                switch code {
                case ENOENT, ECONNREFUSED, ENOTCONN, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, ECONNRESET, EPIPE:
                    .unreachable
                case EMSGSIZE: .tooLarge
                default: .failed
                }
            self.init(kind, "\(call): \(String(cString: strerror(code)))")
        }
    }

    /// Calls `call`, a system call that returns -1 and sets `errno` on failure, again whenever a
    /// signal interrupted it (`EINTR`), as swift-nio's `syscall` does: its value, or the `errno` of
    /// any other failure. The one place the library reads `errno` after a call that can be
    /// interrupted.
    ///
    /// ```swift
    /// switch Platform.syscall({ send(fd, base, count, flags) }) {
    /// case .success(let sent): …
    /// case .failure(let error) where error.code == EAGAIN: …
    /// }
    /// ```
    @inline(__always)
    static func syscall<Value: FixedWidthInteger>(_ call: () -> Value) -> Result<Value, Errno> {
        while true {
            let value = call()
            guard value == -1 else { return .success(value) }
            let code = errno
            guard code == EINTR else { return .failure(Errno(code: code)) }
        }
    }
}
