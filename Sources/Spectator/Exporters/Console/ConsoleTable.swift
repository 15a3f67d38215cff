/// One step as a table a person reads: a row per meter (name, tags, count and rate per second, mean
/// and max, p50/p90/p99 from a percentile meter's buckets, a gauge's value), sorted by name and tags,
/// wide names and tags cut with `…`; the publisher's own measurements summed up in a last line.
/// When a name has several rows, the tags they all share are shown once, on a row above them.
///
/// ```
/// step ending 08:15:05 UTC (5s): 4 meters
/// NAME                 TAGS                                          COUNT  RATE/S    MEAN    MAX     P50     P90     P99  VALUE
/// ipc.server.call      every row: http.method=get,owner=orders
/// ipc.server.call      http.status=200,ipc.result=success,ipc.st…     1000     200  12.3ms  98.1ms  10.2ms  25.1ms  80.4ms
/// ipc.server.call      http.status=503,ipc.result=failure,ipc.st…        3     0.6  41.0ms  52.1ms  40.2ms  51.9ms  52.1ms
/// pool.size                                                                                                                 8
/// server.requestCount  status=200                                     1000     200
/// publisher, the step before: 1873 sent, 0 dropped; the registry holds 4 meters
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
        // Per name, the tags all its meters have (when it has several): shown once, on a row above
        // theirs, so that each row shows what sets it apart (an IPC call's endpoint and status).
        var shared: [String: (count: Int, tags: [Tag])] = [:]
        for id in meters.keys {
            let seen = shared[id.name]
            shared[id.name] = (count: (seen?.count ?? 0) + 1, tags: seen?.tags.filter(id.tags.contains) ?? id.tags)
        }
        // A second column sorts each name's rows: its shared row first (""), then by tags.
        var rows: [[String]] = []
        for (name, group) in shared where group.count > 1 && !group.tags.isEmpty {
            rows.append([cut(name, to: maxNameWidth), "", "every row: " + tagText(group.tags)] + blanks)
        }
        for (id, meter) in meters {
            let common = shared[id.name].flatMap { $0.count > 1 ? $0.tags : nil } ?? []
            let tags = tagText(id.tags.filter { !common.contains($0) })
            rows.append(
                [cut(id.name, to: maxNameWidth), " " + tags, cut(tags, to: maxTagsWidth)]
                    + meter.cells(stepSeconds: stepSeconds)
            )
        }
        rows.sort { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
        rows = rows.map { row in [row[0]] + row.dropFirst(2) }
        let meterCount = meters.count == 1 ? "1 meter" : "\(meters.count) meters"

        let stepText = ConsoleNumber.duration(seconds: stepSeconds)
        var lines = ["step ending \(clockTime(millis: timestampMillis)) UTC (\(stepText)): \(meterCount)"]
        lines += aligned([header] + rows)
        lines.append(publisher.text)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The numbers of a row that has none.
    private static let blanks = [String](repeating: "", count: header.count - leftAligned)

    /// `key=value` pairs, in the id's order (by key), joined by commas.
    private static func tagText(_ tags: [Tag]) -> String {
        tags.map(\.description).joined(separator: ",")
    }

    /// Rows padded into columns two spaces apart, trailing blanks dropped. A row without numbers
    /// (the tags a name's rows share) does not widen the columns: its tags run on to the line's end.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let measured = rows.filter { row in row.dropFirst(leftAligned).contains { !$0.isEmpty } }
        let widths = header.indices.map { column in measured.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
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
