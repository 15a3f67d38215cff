/// Where finished line-protocol bytes go: a datagram socket, a stream or file, or a memory output. A
/// transport knows bytes and delivery, not what the lines say.
protocol LineTransport {
    /// Delivers `bytes`, which hold `lineCount` whole lines, and reports what became of them.
    ///
    /// A datagram transport sends `bytes` as one datagram; a stream writes them as they are.
    func deliver(_ bytes: UnsafeRawBufferPointer, lineCount: Int) -> DeliveryReport
}
