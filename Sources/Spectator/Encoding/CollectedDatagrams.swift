/// Keeps the datagrams a ``LineDatagramWriter`` hands over, for ``WireFormat/lineProtocol(_:commonTags:)``.
final class CollectedDatagrams: LineTransport {
    private(set) var datagrams: [LineProtocolEncoder.Datagram] = []

    func deliver(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> DeliveryReport {
        datagrams.append(LineProtocolEncoder.Datagram(bytes: [UInt8](bytes), measurementCount: lineCount))
        var report = DeliveryReport()
        report.sent = lineCount
        return report
    }
}
