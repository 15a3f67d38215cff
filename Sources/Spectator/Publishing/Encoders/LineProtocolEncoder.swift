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
    func appendLine(_ measurement: Measurement, to buffer: inout [UInt8]) {
        switch measurement.kind {
        case .delta: buffer.append(UInt8(ascii: "c"))
        case .gauge: buffer.append(UInt8(ascii: "g"))
        case .max: buffer.append(UInt8(ascii: "m"))
        }
        buffer.append(UInt8(ascii: ":"))
        buffer.append(contentsOf: measurement.id.name.utf8)
        PublishedTags.forEach(of: measurement, common: commonTags) { key, value in
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: key.utf8)
            buffer.append(UInt8(ascii: "="))
            buffer.append(contentsOf: value.utf8)
        }
        buffer.append(UInt8(ascii: ":"))
        WireNumber.append(measurement.value, to: &buffer)
    }

    /// The line for `measurement`.
    func line(_ measurement: Measurement) -> String {
        var buffer: [UInt8] = []
        appendLine(measurement, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Packs the lines of `measurements` into datagrams of at most ``maxDatagramSize`` bytes, joined
    /// by `\n`, never splitting a line.
    ///
    /// - Returns: the datagrams, and how many measurements were left out because their line alone is
    ///   longer than a datagram (possible only with hundreds of tags).
    func datagrams(_ measurements: [Measurement]) -> (datagrams: [Datagram], oversized: Int) {
        var datagrams: [Datagram] = []
        var current = Datagram()
        var line: [UInt8] = []
        var oversized = 0
        for measurement in measurements {
            line.removeAll(keepingCapacity: true)
            appendLine(measurement, to: &line)
            guard line.count <= Self.maxDatagramSize else {
                oversized += 1
                continue
            }
            if !current.bytes.isEmpty && current.bytes.count + 1 + line.count > Self.maxDatagramSize {
                datagrams.append(current)
                current = Datagram()
            }
            if !current.bytes.isEmpty { current.bytes.append(UInt8(ascii: "\n")) }
            current.bytes.append(contentsOf: line)
            current.measurementCount += 1
        }
        if current.measurementCount > 0 { datagrams.append(current) }
        return (datagrams, oversized)
    }
}
