/// A connected datagram socket to a SpectatorD: UDP (IPv4, IPv6 or a host name) or a Unix socket.
///
/// The socket is opened on first use and after any failure, so a sidecar that restarts (and so
/// re-creates its Unix socket) is reached again.
///
/// A datagram the system refuses as too large (`EMSGSIZE`: macOS caps UDP datagrams at 9 216 bytes
/// and Unix ones at its send buffer) is split at a line boundary and sent as two, and the size is
/// remembered, so later datagrams are split before they are sent; only a single line that no
/// datagram can carry is dropped, as `oversized`. A socket buffer that is full (the reader is
/// behind) is waited on for at most ``fullBufferWait``, and not again until a send goes through, so a
/// sidecar that stopped reading costs a step one such wait.
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
    /// The send buffer to ask for instead of raising it to ``preferredSendBuffer`` (tests make it small).
    private let sendBuffer: Int32?

    /// The send buffer a socket is raised to: a full datagram of ``LineProtocolFormat/maxDatagramSize``
    /// and room to spare.
    static let preferredSendBuffer: Int32 = 128 * 1024

    /// How long a send waits for a full socket buffer to drain.
    static let fullBufferWait = Duration.milliseconds(10)

    private enum Destination: Sendable {
        case udp(HostResolver)
        case unix(Result<Platform.SocketAddress, Platform.CallFailure>)
    }

    private struct State {
        /// The open descriptor, or -1.
        var fd: Int32 = -1
        /// Lines in the last datagram sent on `fd`, which a UDP refusal may be about.
        var lastLineCount = 0
        /// The largest datagram to try: one byte less than the smallest the system refused as too large.
        var sizeLimit = Int.max
        /// Whether a send may wait for a full buffer: not after a wait that timed out, until a send
        /// goes through.
        var mayWaitForBuffer = true
    }

    /// What became of one datagram.
    struct Transmission {
        /// Why the datagram was not sent, or `nil` when it was.
        var failure: TransportFailure?
        /// Lines of an earlier datagram that this send learned were refused (UDP only).
        var refusedEarlier = 0
    }

    init(_ address: Address, sendBuffer: Int32? = nil) {
        self.address = address
        self.sendBuffer = sendBuffer
        destination =
            switch address {
            case .udp(let host, let port): .udp(HostResolver(host: host, port: port, kind: .datagram))
            case .unix(let path): .unix(Platform.unixAddress(path))
            }
    }

    deinit {
        state.withLock { closeDescriptor(&$0.fd) }
    }

    /// Sends `bytes`, `lineCount` lines joined by `\n`, as one datagram, or as several split at line
    /// boundaries when the system takes no datagram that large. `sent` counts the lines the kernel
    /// took; over UDP a refusal of the datagram before is learned here, and its lines are counted as
    /// dropped (`connection`).
    func deliver(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> DeliveryReport {
        var report = DeliveryReport()
        send(bytes, lineCount: lineCount, into: &report)
        return report
    }

    /// Sends `bytes` whole if it is within the size the system takes, else in two halves split at the
    /// line boundary nearest the middle, each sent the same way.
    private func send(_ bytes: UnsafeRawBufferPointer, lineCount: Int, into report: inout DeliveryReport) {
        if bytes.count > state.withLock({ $0.sizeLimit }), sendInHalves(bytes, lineCount: lineCount, into: &report) {
            return
        }
        let transmission = transmit(bytes, lineCount: lineCount)
        report.drop(transmission.refusedEarlier, reason: .connection)
        if transmission.refusedEarlier > 0 { report.previousDeliveryRefused = true }
        guard let failure = transmission.failure else {
            report.sent += lineCount
            return
        }
        if failure.reason == .oversized, sendInHalves(bytes, lineCount: lineCount, into: &report) { return }
        report.drop(lineCount, reason: failure.reason, detail: failure.detail)
    }

    /// Sends the two halves of `bytes` (``halves(_:)``), each as ``send(_:lineCount:into:)`` does;
    /// `false`, sending nothing, for a single line.
    private func sendInHalves(
        _ bytes: UnsafeRawBufferPointer,
        lineCount: Int,
        into report: inout DeliveryReport
    ) -> Bool {
        guard lineCount > 1, let halves = Self.halves(bytes) else { return false }
        send(halves.first, lineCount: halves.firstLineCount, into: &report)
        send(halves.second, lineCount: lineCount - halves.firstLineCount, into: &report)
        return true
    }

    /// `bytes` split at the `\n` nearest its middle (the `\n` itself left out), and the lines of the
    /// first part; `nil` for a single line.
    static func halves(
        _ bytes: UnsafeRawBufferPointer
    ) -> (first: UnsafeRawBufferPointer, second: UnsafeRawBufferPointer, firstLineCount: Int)? {
        let newline = UInt8(ascii: "\n")
        let middle = bytes.count / 2
        guard
            let split = bytes[..<middle].lastIndex(of: newline) ?? bytes[middle...].firstIndex(of: newline)
        else { return nil }
        let first = UnsafeRawBufferPointer(rebasing: bytes[..<split])
        let lineCount = first.reduce(1) { $1 == newline ? $0 + 1 : $0 }
        return (first, UnsafeRawBufferPointer(rebasing: bytes[(split + 1)...]), lineCount)
    }

    /// Sends one datagram of `lineCount` lines.
    ///
    /// A connected UDP socket learns that nobody listens from an ICMP answer to the datagram it
    /// sent before, and reports it as `ECONNREFUSED` on the next send, which then does not go out.
    /// That refusal is counted against the earlier datagram, and this one is sent again on a fresh
    /// socket, so the first step after a sidecar comes back is delivered. A Unix socket whose
    /// sidecar restarted is likewise reopened and tried once more. Any other failure closes the
    /// socket, to be reopened by the next call.
    func transmit(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> Transmission {
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
                let deadline =
                    state.mayWaitForBuffer ? Platform.monotonicNanos() &+ Self.fullBufferWait.wholeNanoseconds : nil
                guard let failure = Platform.sendDatagram(bytes, on: state.fd, waitingUntil: deadline) else {
                    state.lastLineCount = lineCount
                    state.mayWaitForBuffer = true
                    return transmission
                }
                if failure.kind == .timedOut {
                    // The buffer stayed full: the reader is behind. The socket is fine.
                    state.mayWaitForBuffer = false
                    transmission.failure = TransportFailure(.socket, "send: the socket buffer stayed full")
                    return transmission
                }
                if failure.kind == .tooLarge {
                    // Too large for the system: the socket is fine, and the caller splits.
                    state.sizeLimit = min(state.sizeLimit, bytes.count - 1)
                    transmission.failure = TransportFailure(failure)
                    return transmission
                }
                closeDescriptor(&state.fd)
                guard reused, attempt == 1, failure.kind == .unreachable else {
                    transmission.failure = TransportFailure(failure)
                    return transmission
                }
                // On UDP, a connection error on a socket that sent before is an ICMP answer to an
                // earlier datagram (refused, unreachable).
                if case .udp = address {
                    transmission.refusedEarlier = state.lastLineCount
                }
                state.lastLineCount = 0
            }
            return transmission
        }
    }

    private func open() -> Result<Int32, TransportFailure> {
        let deadline = Platform.monotonicNanos() &+ Self.openTimeout.wholeNanoseconds
        let addresses =
            switch destination {
            case .udp(let resolver): resolver.resolve(deadline: deadline)
            case .unix(let address): address.map { [$0] }.mapError(TransportFailure.init)
            }
        let opened = addresses.flatMap {
            Platform.openConnection(to: $0, kind: .datagram, deadline: deadline).mapError(TransportFailure.init)
        }
        if case .success(let fd) = opened {
            if let sendBuffer {
                Platform.setSendBuffer(fd, to: sendBuffer)
            } else {
                Platform.raiseSendBuffer(fd, to: Self.preferredSendBuffer)
            }
        }
        return opened
    }

    private func closeDescriptor(_ fd: inout Int32) {
        if fd >= 0 { Platform.closeDescriptor(fd) }
        fd = -1
    }
}
