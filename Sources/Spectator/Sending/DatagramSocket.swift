/// A connected datagram socket to a SpectatorD: UDP (IPv4, IPv6 or a host name) or a Unix socket.
///
/// The socket is opened on first use and after any failure, so a sidecar that restarts (and so
/// re-creates its Unix socket) is reached again. Sends never block: a full socket buffer is a
/// failed send, not a wait.
final class DatagramSocket: LineTransport, Sendable {
    enum Address: Sendable, Equatable {
        case udp(host: String, port: UInt16)
        case unix(path: String)
    }

    /// How long opening the socket may take, name resolution included: the sidecar is local, and a
    /// name that resolves slower than this would hold up the step's other datagrams.
    static let openTimeout = Duration.seconds(1)

    let address: Address
    /// Where `open()` connects: a resolver for UDP, the socket address for a Unix path.
    private let destination: Destination
    private let state = Locked(State())

    private enum Destination: Sendable {
        case udp(HostResolver)
        case unix(Result<Platform.SocketAddress, TransportFailure>)
    }

    private struct State {
        /// The open descriptor, or -1.
        var fd: Int32 = -1
        /// Measurements in the last datagram sent on `fd`, which a UDP refusal may be about.
        var lastMeasurementCount = 0
    }

    /// What became of one datagram.
    struct Transmission {
        /// Why the datagram was not sent, or `nil` when it was.
        var failure: TransportFailure?
        /// Measurements of an earlier datagram that this send learned were refused (UDP only).
        var refusedEarlier = 0
    }

    init(_ address: Address) {
        self.address = address
        destination =
            switch address {
            case .udp(let host, let port): .udp(HostResolver(host: host, port: port, kind: .datagram))
            case .unix(let path): .unix(Platform.unixAddress(path))
            }
    }

    deinit {
        state.withLock { closeDescriptor(&$0.fd) }
    }

    /// Sends `bytes` as one datagram. `sent` counts its lines once the kernel took it; over UDP a
    /// refusal of the datagram before is learned here, and its lines are counted as dropped
    /// (`connection`).
    func deliver(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> DeliveryReport {
        let transmission = transmit(bytes, measurementCount: lineCount)
        var report = DeliveryReport()
        report.drop(transmission.refusedEarlier, reason: .connection)
        report.previousDeliveryRefused = transmission.refusedEarlier > 0
        if let failure = transmission.failure {
            report.drop(lineCount, reason: failure.reason)
        } else {
            report.sent = lineCount
        }
        return report
    }

    /// Sends one datagram of `measurementCount` measurements.
    ///
    /// A connected UDP socket learns that nobody listens from an ICMP answer to the datagram it
    /// sent before, and reports it as `ECONNREFUSED` on the next send, which then does not go out.
    /// That refusal is counted against the earlier datagram, and this one is sent again on a fresh
    /// socket, so the first step after a sidecar comes back is delivered. A Unix socket whose
    /// sidecar restarted is likewise reopened and tried once more. Any other failure closes the
    /// socket, to be reopened by the next call.
    func transmit(_ bytes: UnsafeRawBufferPointer, measurementCount: Int) -> Transmission {
        state.withLock { state in
            var transmission = Transmission()
            for attempt in 1...2 {
                let reused = state.fd >= 0
                if !reused {
                    switch open() {
                    case .success(let opened): state.fd = opened
                    case .failure(let failure):
                        transmission.failure = failure
                        return transmission
                    }
                }
                guard let failure = Platform.sendDatagram(bytes, on: state.fd) else {
                    state.lastMeasurementCount = measurementCount
                    return transmission
                }
                closeDescriptor(&state.fd)
                guard reused, attempt == 1, failure.reason == .connection else {
                    transmission.failure = failure
                    return transmission
                }
                // On UDP, a connection error on a socket that sent before is an ICMP answer to an
                // earlier datagram (refused, unreachable).
                if case .udp = address {
                    transmission.refusedEarlier = state.lastMeasurementCount
                }
                state.lastMeasurementCount = 0
            }
            return transmission
        }
    }

    private func open() -> Result<Int32, TransportFailure> {
        let deadline = Platform.monotonicNanos() &+ Self.openTimeout.wholeNanoseconds
        let addresses =
            switch destination {
            case .udp(let resolver): resolver.resolve(deadline: deadline)
            case .unix(let address): address.map { [$0] }
            }
        return addresses.flatMap { Platform.openConnection(to: $0, kind: .datagram, deadline: deadline) }
    }

    private func closeDescriptor(_ fd: inout Int32) {
        if fd >= 0 { Platform.closeDescriptor(fd) }
        fd = -1
    }
}
