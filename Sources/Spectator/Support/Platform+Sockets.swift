#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("Platform+Sockets.swift: an unknown C library; add its branch")
#endif

/// The socket calls of the transports: resolve, connect, send and receive with deadlines in
/// monotonic nanoseconds (``Platform/monotonicNanos()``). Every socket is non-blocking and
/// close-on-exec; a deadline bounds each wait.
extension Platform {
    /// Datagram (UDP, Unix datagram) or stream (TCP).
    enum SocketKind: Sendable {
        case datagram
        case stream

        /// Glibc imports the socket types as an enum, Darwin and Musl as integers (as swift-nio's
        /// `BSDSocketAPICommon.swift` spells them).
        fileprivate var rawValue: Int32 {
            #if canImport(Glibc)
            switch self {
            case .datagram: Int32(SOCK_DGRAM.rawValue)
            case .stream: Int32(SOCK_STREAM.rawValue)
            }
            #else
            switch self {
            case .datagram: SOCK_DGRAM
            case .stream: SOCK_STREAM
            }
            #endif
        }
    }

    /// A resolved address, copied out of `getaddrinfo`'s list (or built for a Unix socket path).
    struct SocketAddress: Sendable {
        fileprivate var storage = sockaddr_storage()
        fileprivate var length: socklen_t = 0
        fileprivate var family: Int32 = 0
    }

    /// `host` as an address literal (`127.0.0.1`, `::1`, without a lookup), or `nil` for a name.
    static func addressLiteral(_ host: String, port: UInt16, kind: SocketKind) -> [SocketAddress]? {
        try? lookUp(host, port: port, kind: kind, flags: AI_NUMERICHOST).get()
    }

    /// Looks up `host` (a name or a literal) with `getaddrinfo`, which may block for as long as the
    /// resolver takes: ``HostResolver`` bounds it.
    static func lookUp(_ host: String, port: UInt16, kind: SocketKind) -> Result<[SocketAddress], CallFailure> {
        lookUp(host, port: port, kind: kind, flags: 0)
    }

    private static func lookUp(
        _ host: String,
        port: UInt16,
        kind: SocketKind,
        flags: Int32
    ) -> Result<[SocketAddress], CallFailure> {
        var hints = addrinfo()
        hints.ai_socktype = kind.rawValue
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = flags
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            let reason = status == 0 ? "no address" : String(cString: gai_strerror(status))
            return .failure(CallFailure(.unreachable, "cannot resolve \(host): \(reason)"))
        }
        defer { freeaddrinfo(results) }
        var addresses: [SocketAddress] = []
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            var address = SocketAddress(length: info.pointee.ai_addrlen, family: info.pointee.ai_family)
            withUnsafeMutableBytes(of: &address.storage) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: info.pointee.ai_addr, count: Int(address.length)))
            }
            addresses.append(address)
        }
        return .success(addresses)
    }

    /// The address of a Unix socket at `path`; a failure when the path does not fit `sun_path`.
    static func unixAddress(_ path: String) -> Result<SocketAddress, CallFailure> {
        var unix = sockaddr_un()
        unix.sun_family = sa_family_t(AF_UNIX)
        #if canImport(Darwin)
        unix.sun_len = UInt8(MemoryLayout<sockaddr_un>.size)
        #endif
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: unix.sun_path)
        guard pathBytes.count < capacity else {
            return .failure(CallFailure(.unreachable, "socket path longer than \(capacity - 1) bytes"))
        }
        withUnsafeMutableBytes(of: &unix.sun_path) { $0.copyBytes(from: pathBytes) }
        var address = SocketAddress(length: socklen_t(MemoryLayout<sockaddr_un>.size), family: AF_UNIX)
        withUnsafeMutableBytes(of: &address.storage) { storage in
            withUnsafeBytes(of: &unix) { storage.copyMemory(from: $0) }
        }
        return .success(address)
    }

    /// Connects a new socket to the first of `addresses` that accepts before the deadline, and
    /// returns its descriptor; the failure of the last one tried otherwise.
    static func openConnection(
        to addresses: [SocketAddress],
        kind: SocketKind,
        deadline: Int64
    ) -> Result<Int32, CallFailure> {
        var failure = CallFailure(.unreachable, "no address to connect to")
        for var address in addresses {
            let fd: Int32
            switch makeSocket(family: address.family, kind: kind) {
            case .success(let made): fd = made
            case .failure(let refused):
                failure = refused
                continue
            }
            let connected = withUnsafePointer(to: &address.storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, address.length) }
            }
            var code = connected == 0 ? 0 : errno
            if code == EINPROGRESS {
                if let timedOut = wait(fd, writable: true, until: deadline) {
                    close(fd)
                    if timedOut.kind == .timedOut { return .failure(timedOut) }
                    failure = timedOut
                    continue
                }
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            }
            if code == 0 { return .success(fd) }
            close(fd)
            failure = CallFailure(errno: code, doing: "connect")
        }
        return .failure(failure)
    }

    /// A new non-blocking, close-on-exec socket that never raises `SIGPIPE`.
    ///
    /// Linux (and Musl) take `SOCK_NONBLOCK | SOCK_CLOEXEC` in the type and `MSG_NOSIGNAL` on each
    /// send; Darwin has none of these, so the socket gets `fcntl(F_SETFD, FD_CLOEXEC)`,
    /// `fcntl(F_SETFL, O_NONBLOCK)` and `fcntl(F_SETNOSIGPIPE, 1)` instead (swift-nio's
    /// `BaseSocket.makeSocket` and `SocketProtocols.swift`).
    private static func makeSocket(family: Int32, kind: SocketKind) -> Result<Int32, CallFailure> {
        #if canImport(Darwin)
        let fd = socket(family, kind.rawValue, 0)
        guard fd >= 0 else { return .failure(CallFailure(errno: errno, doing: "socket")) }
        guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0, fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0,
            fcntl(fd, F_SETNOSIGPIPE, 1) == 0
        else {
            let code = errno
            close(fd)
            return .failure(CallFailure(errno: code, doing: "fcntl"))
        }
        return .success(fd)
        #else
        #if canImport(Glibc)
        let flags = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        #else
        let flags = SOCK_NONBLOCK | SOCK_CLOEXEC
        #endif
        let fd = socket(family, kind.rawValue | flags, 0)
        return fd >= 0 ? .success(fd) : .failure(CallFailure(errno: errno, doing: "socket"))
        #endif
    }

    /// `send`'s flags: `MSG_NOSIGNAL` where it exists (Darwin's sockets carry `F_SETNOSIGPIPE`).
    private static var noSignal: Int32 {
        #if canImport(Darwin)
        0
        #else
        Int32(MSG_NOSIGNAL)
        #endif
    }

    /// Makes `fd`'s send buffer at least `bytes` (the system may cap it lower); never shrinks it.
    /// Datagrams larger than the send buffer fail with `EMSGSIZE` (macOS starts Unix datagram
    /// sockets at 2 048 bytes and caps UDP datagrams at 9 216 unless the buffer is raised).
    static func raiseSendBuffer(_ fd: Int32, to bytes: Int32) {
        var current: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &current, &length) == 0, current < bytes else { return }
        setSendBuffer(fd, to: bytes)
    }

    /// Sets `fd`'s send buffer to `bytes` (Linux doubles it and keeps it above its minimum).
    static func setSendBuffer(_ fd: Int32, to bytes: Int32) {
        var size = bytes
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends `bytes` as one datagram without waiting; a datagram the kernel takes only in part is
    /// a failure (`EMSGSIZE`).
    ///
    /// With a `deadline`, a full socket buffer (`EAGAIN`, `ENOBUFS`: the reader is behind) is waited
    /// on until then, and the send tried once more.
    static func sendDatagram(
        _ bytes: UnsafeRawBufferPointer,
        on fd: Int32,
        waitingUntil deadline: Int64? = nil
    ) -> CallFailure? {
        var mayWait = deadline != nil
        while true {
            let code: Int32
            switch syscall({ send(fd, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT) | noSignal) }) {
            case .success(bytes.count): return nil
            case .success: code = EMSGSIZE
            case .failure(let error): code = error.code
            }
            if mayWait, code == EAGAIN || code == ENOBUFS, let deadline {
                mayWait = false
                if let timedOut = wait(fd, writable: true, until: deadline) { return timedOut }
                continue
            }
            return CallFailure(errno: code, doing: "send")
        }
    }

    /// Sends every byte on a stream socket before the deadline.
    static func sendAll(_ bytes: UnsafeRawBufferPointer, on fd: Int32, deadline: Int64) -> CallFailure? {
        var offset = 0
        while offset < bytes.count {
            switch syscall({ send(fd, bytes.baseAddress! + offset, bytes.count - offset, noSignal) }) {
            case .success(0):
                return CallFailure(errno: EIO, doing: "send")
            case .success(let sent):
                offset += sent
            case .failure(let error) where error.code == EAGAIN:
                if let failure = wait(fd, writable: true, until: deadline) { return failure }
            case .failure(let error):
                return CallFailure(errno: error.code, doing: "send")
            }
        }
        return nil
    }

    /// The next bytes to arrive on a stream socket before the deadline, at most `limit`; empty at
    /// the end of the stream.
    static func receive(on fd: Int32, upTo limit: Int, deadline: Int64) -> Result<[UInt8], CallFailure> {
        var buffer = [UInt8](repeating: 0, count: max(1, min(limit, 16 * 1024)))
        while true {
            switch syscall({ buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } }) {
            case .success(let count):
                return .success(Array(buffer[..<count]))
            case .failure(let error) where error.code == EAGAIN:
                if let failure = wait(fd, writable: false, until: deadline) { return .failure(failure) }
            case .failure(let error):
                return .failure(CallFailure(errno: error.code, doing: "recv"))
            }
        }
    }

    /// Closes a descriptor.
    static func closeDescriptor(_ fd: Int32) {
        close(fd)
    }

    /// Waits until `fd` is writable (or readable); a `.timedOut` failure when the deadline passes first.
    private static func wait(_ fd: Int32, writable: Bool, until deadline: Int64) -> CallFailure? {
        while true {
            let remaining = deadline &- monotonicNanos()
            guard remaining > 0 else { return CallFailure(.timedOut, "no answer in time") }
            var descriptor = pollfd(fd: fd, events: Int16(writable ? POLLOUT : POLLIN), revents: 0)
            switch syscall({ poll(&descriptor, 1, Int32(clamping: (remaining + 999_999) / 1_000_000)) }) {
            case .success(let ready) where ready > 0: return nil
            case .success: continue
            case .failure(let error): return CallFailure(errno: error.code, doing: "poll")
            }
        }
    }
}
