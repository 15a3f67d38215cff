/// One step as a table a person reads: a row per meter (name, tags, count and rate per second, mean
/// and max, p50/p90/p99 from a percentile meter's buckets, a gauge's value), sorted by name and tags,
/// wide names and tags cut with `…`; the publisher's own measurements summed up in a last line.
///
/// ```
/// step ending 08:15:05 UTC (5s): 3 meters
/// NAME                   TAGS           COUNT  RATE/S    MEAN    MAX     P50     P90     P99  VALUE
/// pool.size                                                                                    8
/// server.requestCount    status=200      1000     200
/// server.requestLatency  route=/users    1000     200  12.3ms  98.1ms  10.2ms  25.1ms  80.4ms
/// publisher, the step before: 1873 sent, 0 dropped; the registry holds 3 meters
/// ```
struct ConsoleTable {
    static let maxNameWidth = 48
    static let maxTagsWidth = 56
    static let header = ["NAME", "TAGS", "COUNT", "RATE/S", "MEAN", "MAX", "P50", "P90", "P99", "VALUE"]
    /// Columns after NAME and TAGS are right-aligned.
    static let leftAligned = 2

    /// The table for `measurements`, the step that ends at `timestampMillis` and lasted `step`.
    static func text(_ measurements: [MeterMeasurement], timestampMillis: Int64, step: Duration) -> String {
        let stepSeconds = Double(step.wholeNanoseconds) / 1e9
        var meters: [MeterId: ConsoleMeter] = [:]
        var publisher = ConsolePublisherLine()
        for measurement in measurements {
            let level = measurement.asLevel(atMillis: timestampMillis)
            if level.id.name.hasPrefix("spectator.") {
                publisher.add(level)
            } else {
                meters[level.id, default: ConsoleMeter()].add(level, kind: measurement.kind)
            }
        }
        var rows: [[String]] = []
        for (id, meter) in meters {
            let tags = id.tags.map(\.description).joined(separator: ",")
            rows.append(
                [cut(id.name, to: maxNameWidth), cut(tags, to: maxTagsWidth)] + meter.cells(stepSeconds: stepSeconds)
            )
        }
        rows.sort { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }

        let stepText = ConsoleNumber.duration(seconds: stepSeconds)
        let meterCount = rows.count == 1 ? "1 meter" : "\(rows.count) meters"
        var lines = ["step ending \(clockTime(millis: timestampMillis)) UTC (\(stepText)): \(meterCount)"]
        lines += aligned([header] + rows)
        lines.append(publisher.text)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Rows padded into columns two spaces apart, trailing blanks dropped.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column > 0 { line += "  " }
                line += column < leftAligned ? cell + padding : padding + cell
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `text`, or its first `width - 1` characters and `…`.
    static func cut(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// `HH:MM:SS` of a Unix time in milliseconds.
    static func clockTime(millis: Int64) -> String {
        let seconds = Int((millis / 1000) % 86_400 + 86_400) % 86_400
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(twoDigits(seconds / 3600)):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60))"
    }
}
