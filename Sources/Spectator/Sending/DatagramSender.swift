/// Sends line protocol datagrams to a SpectatorD over UDP or its Unix socket.
///
/// `sent` counts the measurements of datagrams handed to the kernel. Over UDP a refusal is only
/// learned on the next send; the refused measurements are then counted as dropped (`connection`)
/// in the step that learned it.
struct DatagramSender: MeasurementSender {
    let encoder: LineProtocolEncoder
    let socket: DatagramSocket

    func send(_ step: StepMeasurements, timestampMillis: Int64) -> DeliveryReport {
        var writer = LineDatagramWriter(encoder: encoder)
        step.write(into: &writer)
        let (datagrams, oversized) = writer.finish()
        var report = DeliveryReport()
        report.drop(oversized, reason: .oversized)
        for (index, datagram) in datagrams.enumerated() {
            let transmission = socket.transmit(datagram.bytes, measurementCount: datagram.measurementCount)
            report.drop(transmission.refusedEarlier, reason: .connection)
            if index == 0 && transmission.refusedEarlier > 0 { report.previousStepEndRefused = true }
            if let failure = transmission.failure {
                report.drop(datagram.measurementCount, reason: failure.reason)
            } else {
                report.sent += datagram.measurementCount
            }
        }
        return report
    }
}
