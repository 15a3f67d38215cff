/// Encodes measurements as SpectatorD protocol lines (spec §5.1): `type:name,key=value,...:value`.
///
/// Step deltas become `c:` lines that carry their `statistic` (and `percentile`) tag, so SpectatorD
/// adds them up exactly as it would the per-event lines; gauge values become `g:` lines and step
/// maxima `m:` lines. Tags are written in key order after the common tags are merged in.
///
/// ```
/// c:server.requestLatency,percentile=T0042,statistic=percentile:3
/// m:server.requestLatency,statistic=max:0.25
/// ```
struct LineProtocolEncoder: Sendable {
    /// SpectatorD reads datagrams into a 64 KiB buffer; 60 KiB leaves room, as spectator-go does.
    static let maxDatagramSize = 61_440

    /// One datagram's bytes and how many measurements they carry.
    struct Datagram: Equatable {
        var bytes: [UInt8] = []
        var measurementCount = 0
    }

    /// Common tags, sanitised and sorted by key.
    let commonTags: [Tag]

    /// Appends the line for `measurement`, without a line break.
    func appendLine(_ measurement: MeterMeasurement, to buffer: ByteWriter) {
        switch measurement.kind {
        case .delta: buffer.append(UInt8(ascii: "c"))
        case .gauge: buffer.append(UInt8(ascii: "g"))
        case .max: buffer.append(UInt8(ascii: "m"))
        }
        buffer.append(UInt8(ascii: ":"))
        if commonTags.isEmpty {
            appendWireId(of: measurement, to: buffer)
        } else {
            buffer.append(measurement.id.name)
            PublishedTags.forEach(of: measurement, common: commonTags) { key, value in
                buffer.append(UInt8(ascii: ","))
                buffer.append(key)
                buffer.append(UInt8(ascii: "="))
                buffer.append(value)
            }
        }
        buffer.append(UInt8(ascii: ":"))
        WireNumber.append(measurement.value, to: buffer)
    }

    /// The id with `percentile` and `statistic` spliced into the id's cached wire form: at most three
    /// copies of its bytes, no per-tag work.
    private func appendWireId(of measurement: MeterMeasurement, to buffer: ByteWriter) {
        let slots = measurement.id.publishedTagSlots
        let percentile = measurement.percentile
        let statistic = measurement.statistic?.rawValue
        let spliced: Void? = measurement.id.description.utf8.withContiguousStorageIfAvailable { wire in
            let wire = UnsafeRawBufferPointer(wire)
            var position = 0
            if let percentile {
                buffer.append(UnsafeRawBufferPointer(rebasing: wire[position..<slots.percentileBytes.lowerBound]))
                buffer.append(",percentile=")
                buffer.append(percentile)
                position = slots.percentileBytes.upperBound
            }
            if let statistic {
                buffer.append(UnsafeRawBufferPointer(rebasing: wire[position..<slots.statisticBytes.lowerBound]))
                buffer.append(",statistic=")
                buffer.append(statistic)
                position = slots.statisticBytes.upperBound
            }
            buffer.append(UnsafeRawBufferPointer(rebasing: wire[position...]))
        }
        if spliced == nil {
            buffer.append(measurement.id.name)
            PublishedTags.forEach(of: measurement, common: []) { key, value in
                buffer.append(UInt8(ascii: ","))
                buffer.append(key)
                buffer.append(UInt8(ascii: "="))
                buffer.append(value)
            }
        }
    }

    /// The line for `measurement`.
    func line(_ measurement: MeterMeasurement) -> String {
        let buffer = ByteWriter(capacity: 256)
        appendLine(measurement, to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Packs the lines of `measurements` into datagrams of at most ``maxDatagramSize`` bytes, joined
    /// by `\n`, never splitting a line.
    ///
    /// - Returns: the datagrams, and how many measurements were left out because their line alone is
    ///   longer than a datagram (possible only with hundreds of tags).
    func datagrams(_ measurements: [MeterMeasurement]) -> (datagrams: [Datagram], oversized: Int) {
        var datagrams: [Datagram] = []
        let current = ByteWriter(capacity: Self.maxDatagramSize)
        var currentCount = 0
        let line = ByteWriter(capacity: 1024)
        var oversized = 0
        for measurement in measurements {
            line.removeAll()
            appendLine(measurement, to: line)
            guard line.count <= Self.maxDatagramSize else {
                oversized += 1
                continue
            }
            if currentCount > 0 && current.count + 1 + line.count > Self.maxDatagramSize {
                datagrams.append(Datagram(bytes: current.bytes, measurementCount: currentCount))
                current.removeAll()
                currentCount = 0
            }
            if currentCount > 0 { current.append(UInt8(ascii: "\n")) }
            current.append(line)
            currentCount += 1
        }
        if currentCount > 0 { datagrams.append(Datagram(bytes: current.bytes, measurementCount: currentCount)) }
        return (datagrams, oversized)
    }
}
