#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("TestPlatform.swift: an unknown C library; add its branch")
#endif

/// The C library's spellings the tests' own sockets need, in one place (as `Platform` holds the
/// library's): Glibc imports the socket types as an enum, Darwin as plain integers, and Darwin has no
/// `MSG_NOSIGNAL` (a socket gets `SO_NOSIGPIPE` instead, as swift-nio's `BSDSocketAPIPosix.swift` does).
package enum TestPlatform {
    /// `SOCK_DGRAM`.
    package static var datagram: Int32 {
        #if canImport(Glibc)
        Int32(SOCK_DGRAM.rawValue)
        #else
        SOCK_DGRAM
        #endif
    }

    /// `SOCK_STREAM`.
    package static var stream: Int32 {
        #if canImport(Glibc)
        Int32(SOCK_STREAM.rawValue)
        #else
        SOCK_STREAM
        #endif
    }

    /// `send`'s flag that keeps a write to a closed peer from raising `SIGPIPE`, where there is one.
    package static var noSignal: Int32 {
        #if canImport(Darwin)
        0
        #else
        Int32(MSG_NOSIGNAL)
        #endif
    }

    /// Keeps writes on `fd` from raising `SIGPIPE` where `send` has no flag for it (Darwin).
    package static func preventSIGPIPE(_ fd: Int32) {
        #if canImport(Darwin)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Marks `fd` close-on-exec, so that a child process another test starts (the example, the
    /// process-metrics probe) does not hold the tests' sockets open after they close them.
    package static func closeOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
}
