#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("Platform+Syscall.swift: an unknown C library; add its branch")
#endif

extension Platform {
    /// The `errno` a system call failed with.
    struct Errno: Error, Equatable {
        let code: Int32
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
