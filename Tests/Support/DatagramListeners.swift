package import Foundation

/// A UDP socket bound to a free port on the loopback interface, standing in for SpectatorD.
package final class UDPListener: Sendable {
    package let port: UInt16
    private let fd: Int32

    /// Binds to 127.0.0.1, or to ::1 when `ipv6` is set, on `port` (0: any free port).
    package init(ipv6: Bool = false, port requested: UInt16 = 0) {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, TestPlatform.datagram, 0)
        TestPlatform.closeOnExec(fd)
        let port: UInt16
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            address.sin6_port = requested.bigEndian
            bindReportingPort(fd, &address)
            port = UInt16(bigEndian: address.sin6_port)
        } else {
            var address = loopbackIPv4(port: requested)
            bindReportingPort(fd, &address)
            port = UInt16(bigEndian: address.sin_port)
        }
        var bufferSize: Int32 = 8 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufferSize, socklen_t(MemoryLayout<Int32>.size))
        self.fd = fd
        self.port = port
    }

    deinit { close(fd) }

    /// The datagrams that arrive until none has for `quiet`.
    package func receive(quiet: Duration = .milliseconds(300)) -> [String] {
        receiveDatagrams(fd: fd, quiet: quiet)
    }
}

/// A Unix datagram socket in a temporary directory, standing in for SpectatorD's.
package final class UnixDatagramListener: Sendable {
    package let path: String
    private let fd: Int32

    package init(path: String = UnixDatagramListener.temporaryPath()) {
        self.path = path
        unlink(path)
        let fd = socket(AF_UNIX, TestPlatform.datagram, 0)
        TestPlatform.closeOnExec(fd)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        self.fd = fd
    }

    deinit {
        close(fd)
        unlink(path)
    }

    package static func temporaryPath() -> String {
        NSTemporaryDirectory() + "spectator-\(UUID().uuidString.prefix(8)).sock"
    }

    package func receive(quiet: Duration = .milliseconds(300)) -> [String] {
        receiveDatagrams(fd: fd, quiet: quiet)
    }
}

/// 127.0.0.1 on `port` (0: any free port).
package func loopbackIPv4(port: UInt16 = 0) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = port.bigEndian
    return address
}

/// Binds `fd` to `address` and reads back the port (the kernel's choice when it was 0) into it;
/// `false` if the address is taken.
@discardableResult
package func bindReportingPort<Address>(_ fd: Int32, _ address: inout Address) -> Bool {
    var length = socklen_t(MemoryLayout<Address>.size)
    return withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            guard bind(fd, pointer, length) == 0 else { return false }
            return getsockname(fd, pointer, &length) == 0
        }
    }
}

/// The datagrams that arrive on `fd` until none has for `quiet`.
package func receiveDatagrams(fd: Int32, quiet: Duration) -> [String] {
    var timeout = timeval(tv_sec: 0, tv_usec: Int(quiet.components.attoseconds / 1_000_000_000_000))
    timeout.tv_sec = Int(quiet.components.seconds)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var datagrams: [String] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        // Nothing here sends empty datagrams: 0 can only mean the socket was shut down.
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return datagrams }
        datagrams.append(String(decoding: buffer[..<count], as: UTF8.self))
    }
}
