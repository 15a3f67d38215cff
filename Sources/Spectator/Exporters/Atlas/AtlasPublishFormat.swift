/// Encodes measurements as Atlas publish JSON, `POST /api/v1/publish` (as Spectator Java's
/// [PublishPayload](https://github.com/Netflix/spectator/blob/HEAD/spectator-reg-atlas/src/main/java/com/netflix/spectator/atlas/impl/PublishPayload.java)
/// writes it).
///
/// ```json
/// {"tags":{"nf.app":"api"},"metrics":[{"tags":{"name":"requests","statistic":"count","atlas.dstype":"rate"},"timestamp":1700000060000,"value":0.5}]}
/// ```
///
/// Deltas are sent as rates per second (`atlas.dstype=rate`), gauges and maxima as they are
/// (`atlas.dstype=gauge`); every datapoint of a step carries the step-aligned timestamp.
struct AtlasPublishFormat: Sendable {
    /// Common tags, sorted by key; sent once per body in its `tags` object.
    let commonTags: [Tag]
    /// The payload carries the common tags once, so each measurement lists only its own.
    private static let ownTags = PublishedTags(common: [])

    /// One JSON body holding `batch`, every datapoint stamped `timestampMillis`.
    func body(_ batch: [MeterMeasurement], timestampMillis: Int64, step: Duration) -> [UInt8] {
        let stepSeconds = Double(step.wholeNanoseconds) / 1e9
        let buffer = ByteWriter(capacity: batch.count * 160)
        buffer.append(#"{"tags":"#)
        JSONWriter.appendObject(commonTags, to: buffer)
        buffer.append(#","metrics":["#)
        for (index, measurement) in batch.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(#"{"tags":{"#)
            let id = measurement.id
            id.storage.withBytes { wire in
                let name = UnsafeRawBufferPointer(rebasing: wire[..<id.storage.nameLength])
                JSONWriter.appendSanitizedMember(StaticString("name").utf8Bytes, name, to: buffer)
            }
            Self.ownTags.forEach(id: id, statistic: measurement.statistic, bucket: measurement.bucket) {
                key,
                value in
                buffer.append(UInt8(ascii: ","))
                JSONWriter.appendSanitizedMember(key, value, to: buffer)
            }
            buffer.append(UInt8(ascii: ","))
            let isRate = measurement.kind.isDelta
            let dstype: StaticString = isRate ? "rate" : "gauge"
            JSONWriter.appendSanitizedMember(StaticString("atlas.dstype").utf8Bytes, dstype.utf8Bytes, to: buffer)
            buffer.append(#"},"timestamp":"#)
            WireNumber.appendInteger(timestampMillis, to: buffer)
            buffer.append(#","value":"#)
            WireNumber.append(isRate ? measurement.value / stepSeconds : measurement.value, to: buffer)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append("]}")
        return buffer.bytes
    }
}
