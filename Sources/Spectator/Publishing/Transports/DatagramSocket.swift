#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected datagram socket to a SpectatorD: UDP (IPv4, IPv6 or a host name) or a Unix socket.
///
/// The socket is opened on first use and after any failure, so a sidecar that restarts (and so
/// re-creates its Unix socket) is reached again. Sends never block: a full socket buffer is a
/// failed send, not a wait.
final class DatagramSocket: Sendable {
    enum Address: Sendable, Equatable {
        case udp(host: String, port: UInt16)
        case unix(path: String)
    }

    let address: Address
    private let state = Locked(State())

    private struct State {
        /// The open descriptor, or -1.
        var fd: Int32 = -1
        /// Measurements in the last datagram sent on `fd`, which a UDP refusal may be about.
        var lastMeasurementCount = 0
    }

    /// What became of one datagram.
    struct Transmission {
        /// Why the datagram was not sent, or `nil` when it was.
        var failure: DatagramError?
        /// Measurements of an earlier datagram that this send learned were refused (UDP only).
        var refusedEarlier = 0
    }

    init(_ address: Address) {
        self.address = address
    }

    deinit {
        state.withLock { closeDescriptor(&$0.fd) }
    }

    /// Sends one datagram of `measurementCount` measurements.
    ///
    /// A connected UDP socket learns that nobody listens from an ICMP answer to the datagram it
    /// sent before, and reports it as `ECONNREFUSED` on the next send, which then does not go out.
    /// That refusal is counted against the earlier datagram, and this one is sent again on a fresh
    /// socket, so the first step after a sidecar comes back is delivered. A Unix socket whose
    /// sidecar restarted is likewise reopened and tried once more. Any other failure closes the
    /// socket, to be reopened by the next call.
    func transmit(_ bytes: [UInt8], measurementCount: Int) -> Transmission {
        state.withLock { state in
            var transmission = Transmission()
            for attempt in 1...2 {
                let reused = state.fd >= 0
                if !reused {
                    switch open() {
                    case .success(let opened): state.fd = opened
                    case .failure(let error):
                        transmission.failure = error
                        return transmission
                    }
                }
                let sent = bytes.withUnsafeBytes {
                    send(state.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
                }
                if sent == bytes.count {
                    state.lastMeasurementCount = measurementCount
                    return transmission
                }
                let code = sent < 0 ? errno : EMSGSIZE
                closeDescriptor(&state.fd)
                let error = DatagramError(errno: code)
                guard reused, attempt == 1, error.kind == .connection else {
                    transmission.failure = error
                    return transmission
                }
                if case .udp = address, code == ECONNREFUSED {
                    transmission.refusedEarlier = state.lastMeasurementCount
                }
                state.lastMeasurementCount = 0
            }
            return transmission
        }
    }

    private func open() -> Result<Int32, DatagramError> {
        switch address {
        case .udp(let host, let port): openUDP(host: host, port: port)
        case .unix(let path): openUnix(path: path)
        }
    }

    private func openUDP(host: String, port: UInt16) -> Result<Int32, DatagramError> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
            return .failure(DatagramError(kind: .connection, detail: "cannot resolve \(host)"))
        }
        defer { freeaddrinfo(results) }
        var lastErrno: Int32 = EADDRNOTAVAIL
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastErrno = errno
                continue
            }
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return .success(fd) }
            lastErrno = errno
            close(fd)
        }
        return .failure(DatagramError(errno: lastErrno))
    }

    private func openUnix(path: String) -> Result<Int32, DatagramError> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            return .failure(DatagramError(kind: .connection, detail: "socket path longer than \(capacity - 1) bytes"))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return .failure(DatagramError(errno: errno)) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 { return .success(fd) }
        let error = DatagramError(errno: errno)
        close(fd)
        return .failure(error)
    }

    private func closeDescriptor(_ fd: inout Int32) {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}

/// Why a datagram could not be sent.
struct DatagramError: Error, Equatable {
    let kind: DropReason
    let detail: String

    init(kind: DropReason, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    init(errno code: Int32) {
        switch code {
        case ENOENT, ECONNREFUSED, ENOTCONN, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, ECONNRESET:
            kind = .connection
        default:
            kind = .socket
        }
        detail = String(cString: strerror(code))
    }
}
