/// Encodes measurements as the atlas-aggregator's update JSON, `POST /api/v4/update` (read by the
/// aggregator's
/// [PayloadDecoder](https://github.com/Netflix-Skunkworks/iep-apps/blob/HEAD/atlas-aggregator/src/main/scala/com/netflix/atlas/aggregator/PayloadDecoder.scala)).
///
/// A body is one array: the number of strings, the string table (sorted), then per measurement the
/// number of tags, each tag as two string-table indexes (`name` and the common tags included), the
/// operation (0 = add a delta, 10 = max for gauges and maxima) and the value:
///
/// ```json
/// [4,"count","name","requests","statistic",2,1,2,3,0,0,5]
/// ```
///
/// Every measurement is sent, a delta of 0 too (a timer that recorded only zero durations has a
/// `totalTime` of 0): adding it changes nothing, and so each one is counted as sent or dropped.
struct AggregatorUpdateFormat: Sendable {
    static let addOperation = 0
    static let maxOperation = 10

    /// Common tags, sorted by key; added to every measurement.
    let commonTags: [Tag]
    private let publishedTags: PublishedTags

    init(commonTags: [Tag]) {
        self.commonTags = commonTags
        publishedTags = PublishedTags(common: commonTags)
    }

    /// One JSON body holding `batch`.
    func body(_ batch: [MeterMeasurement]) -> [UInt8] {
        var rows: [[(key: String, value: String)]] = []
        rows.reserveCapacity(batch.count)
        var strings: Set<String> = ["name"]
        for measurement in batch {
            var row: [(key: String, value: String)] = [("name", measurement.id.name)]
            publishedTags.forEach(
                id: measurement.id,
                statistic: measurement.statistic,
                bucket: measurement.bucket
            ) { key, value in
                row.append((String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self)))
            }
            for (key, value) in row {
                strings.insert(key)
                strings.insert(value)
            }
            rows.append(row)
        }
        let table = strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($1, $0) })

        let buffer = ByteWriter(capacity: batch.count * 64 + table.count * 16)
        buffer.append(UInt8(ascii: "["))
        WireNumber.appendInteger(Int64(table.count), to: buffer)
        for string in table {
            buffer.append(UInt8(ascii: ","))
            JSONWriter.appendString(string, to: buffer)
        }
        for (measurement, row) in zip(batch, rows) {
            buffer.append(UInt8(ascii: ","))
            WireNumber.appendInteger(Int64(row.count), to: buffer)
            for (key, value) in row {
                buffer.append(UInt8(ascii: ","))
                WireNumber.appendInteger(Int64(index[key] ?? 0), to: buffer)
                buffer.append(UInt8(ascii: ","))
                WireNumber.appendInteger(Int64(index[value] ?? 0), to: buffer)
            }
            buffer.append(UInt8(ascii: ","))
            let operation = measurement.kind.isDelta ? Self.addOperation : Self.maxOperation
            WireNumber.appendInteger(Int64(operation), to: buffer)
            buffer.append(UInt8(ascii: ","))
            WireNumber.append(measurement.value, to: buffer)
        }
        buffer.append(UInt8(ascii: "]"))
        return buffer.bytes
    }
}
