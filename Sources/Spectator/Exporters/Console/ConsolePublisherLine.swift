/// The console view's last line: the publisher's own measurements (`spectator.*`) summed up. They
/// describe the step before the one shown.
struct ConsolePublisherLine {
    private var sent = 0.0
    private var dropped: [String: Double] = [:]
    private var registrySize: Double?
    private var refused = 0.0

    mutating func add(_ measurement: MeterMeasurement) {
        let tags = Dictionary(measurement.id.tags.map { ($0.key, $0.value) }) { _, last in last }
        switch measurement.id.name {
        case SelfMetricName.measurements where tags["id"] == "sent":
            sent += measurement.value
        case SelfMetricName.measurements:
            dropped[tags["error"] ?? "unknown", default: 0] += measurement.value
        case SelfMetricName.registrySize:
            registrySize = measurement.value
        case SelfMetricName.refusedMeters:
            refused += measurement.value
        default:
            break
        }
    }

    /// `publisher, the step before: 1873 sent, 3 dropped (connection 3); the registry holds 12 meters`.
    var text: String {
        let droppedTotal = dropped.values.reduce(0, +)
        var text =
            "publisher, the step before: \(ConsoleNumber.format(sent)) sent, \(ConsoleNumber.format(droppedTotal)) dropped"
        if !dropped.isEmpty {
            let reasons = dropped.sorted { $0.key < $1.key }.map { "\($0.key) \(ConsoleNumber.format($0.value))" }
            text += " (" + reasons.joined(separator: ", ") + ")"
        }
        if let registrySize { text += "; the registry holds \(ConsoleNumber.format(registrySize)) meters" }
        if refused > 0 { text += "; \(ConsoleNumber.format(refused)) new meters refused (the registry is full)" }
        return text
    }
}
