import Foundation
import SpectatorTestSupport

/// A Unix datagram socket in a temporary directory, standing in for SpectatorD's.
final class UnixDatagramListener: Sendable {
    let path: String
    private let fd: Int32

    init(path: String = UnixDatagramListener.temporaryPath()) {
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

    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "spectator-\(UUID().uuidString.prefix(8)).sock"
    }

    func receive(quiet: Duration = .milliseconds(300)) -> [String] {
        receiveDatagrams(fd: fd, quiet: quiet)
    }
}
