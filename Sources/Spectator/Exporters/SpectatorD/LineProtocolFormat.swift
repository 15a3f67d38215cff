/// Encodes measurements as SpectatorD protocol lines, `type:name,key=value,...:value` (the
/// [message format](https://github.com/Netflix/atlas-docs/blob/HEAD/docs/spectator/agent/usage.md),
/// as [spectatord.cc](https://github.com/Netflix-Skunkworks/spectatord/blob/HEAD/server/spectatord.cc)
/// parses it).
///
/// Step deltas become `c:` lines that carry their `statistic` (and `percentile`) tag, so SpectatorD
/// adds them up exactly as it would the per-event lines; gauge values become `g:` lines (`g,<ttl>:`, the TTL left,
/// for a gauge with a TTL), step maxima `m:` lines, and an age gauge's time of last success an `A:`
/// line. Tags are written as ``PublishedTags`` orders them, common tags merged in.
///
/// A distinct-count sketch's register becomes an `s:` line (SpectatorD's precomputed-hash sketch
/// line) carrying a hash that selects exactly that register with exactly its rank
/// (``SketchRegisters/canonicalHash(register:rank:)``): the daemon keeps its own registers and adds
/// `statistic=distinct` and `distinct=R..` when it publishes them.
///
/// ```
/// c:server.requestLatency,percentile=T0042,statistic=percentile:3
/// m:server.requestLatency,statistic=max:0.25
/// s:server.distinctUsers:4611686018427387909
/// ```
struct LineProtocolFormat: Sendable {
    /// SpectatorD reads datagrams into a 64 KiB buffer; 60 KiB leaves room, as spectator-go does.
    static let maxDatagramSize = 61_440

    /// One datagram's bytes and how many measurements they carry.
    struct Datagram: Equatable {
        var bytes: [UInt8] = []
        var measurementCount = 0
    }

    /// Common tags, sanitised and sorted by key.
    let commonTags: [Tag]
    private let publishedTags: PublishedTags

    init(commonTags: [Tag]) {
        self.commonTags = commonTags
        publishedTags = PublishedTags(common: commonTags)
    }

    /// Appends the line for one value, without a line break.
    @inline(__always)
    func appendLine(_ measurement: MeterMeasurement, to buffer: ByteWriter) {
        let (id, statistic, bucket) = (measurement.id, measurement.statistic, measurement.bucket)
        if let bucket, bucket.kind == .sketchRegister {
            appendSketchRegister(measurement, register: bucket.index, to: buffer)
            return
        }
        let type: UInt8
        switch measurement.kind {
        case .delta: type = UInt8(ascii: "c")
        case .gauge: type = UInt8(ascii: "g")
        case .max: type = UInt8(ascii: "m")
        case .age: type = UInt8(ascii: "A")
        case .expiringGauge(let ttlSeconds):
            buffer.append("g,")
            WireNumber.appendInteger(Int64(ttlSeconds), to: buffer)
            type = 0
        }
        if commonTags.isEmpty, let slots = id.publishedTagSlots.ranges {
            // `measurement`, borrowed for this whole call, keeps the id's storage alive.
            let wire = id.storage.unsafeBytes
            // The type, the id with at most two tags spliced in, and the two colons.
            let tags = Self.splicedTagsMaxCount + (bucket.map { $0.value.utf8.count } ?? 0)
            buffer.append(atMost: wire.count + tags) { cursor in
                if type != 0 { cursor.put(type) }
                cursor.put(UInt8(ascii: ":"))
                Self.put(wire, slots: slots, statistic: statistic, percentile: bucket, to: &cursor)
                cursor.put(UInt8(ascii: ":"))
            }
        } else {
            if type != 0 { buffer.append(type) }
            buffer.append(UInt8(ascii: ":"))
            appendTagByTag(id, statistic: statistic, bucket: bucket, to: buffer)
            buffer.append(UInt8(ascii: ":"))
        }
        WireNumber.append(measurement.value, to: buffer)
    }

    /// The most bytes a line's type, its colons and the spliced `percentile` (less its value) and
    /// `statistic` tags take: `c` `:` `,percentile=` `,statistic=totalOfSquares` `:`.
    private static let splicedTagsMaxCount = 64

    /// `s:name,tags:hash` for one sketch register: the sketch's own id (the daemon adds the register's
    /// tags) and the register's canonical hash.
    private func appendSketchRegister(_ measurement: MeterMeasurement, register: Int, to buffer: ByteWriter) {
        buffer.append("s:")
        let id = measurement.id
        if commonTags.isEmpty {
            id.storage.withBytes { buffer.append(UnsafeRawBufferPointer(rebasing: $0[...])) }
        } else {
            appendTagByTag(id, statistic: nil, bucket: nil, to: buffer)
        }
        buffer.append(UInt8(ascii: ":"))
        let rank = Int(min(max(measurement.value, 1), 59))
        WireNumber.appendUnsigned(SketchRegisters.canonicalHash(register: register, rank: rank), to: buffer)
    }

    /// The id's name, then each published tag (common tags merged in) as `,key=value`.
    private func appendTagByTag(_ id: MeterId, statistic: Statistic?, bucket: BucketTag?, to buffer: ByteWriter) {
        id.storage.withBytes { buffer.append(UnsafeRawBufferPointer(rebasing: $0[..<id.storage.nameLength])) }
        publishedTags.forEach(id: id, statistic: statistic, bucket: bucket) { key, value in
            buffer.append(UInt8(ascii: ","))
            buffer.append(key)
            buffer.append(UInt8(ascii: "="))
            buffer.append(value)
        }
    }

    /// The id's wire bytes with `percentile` and `statistic` spliced in: at most three copies, no
    /// per-tag work.
    @inline(__always)
    private static func put(
        _ wire: UnsafeRawBufferPointer,
        slots: (percentile: Range<Int>, statistic: Range<Int>),
        statistic: Statistic?,
        percentile: BucketTag?,
        to cursor: inout ByteCursor
    ) {
        var position = 0
        if let percentile {
            cursor.put(UnsafeRawBufferPointer(rebasing: wire[position..<slots.percentile.lowerBound]))
            cursor.put(",percentile=")
            cursor.put(native: percentile.value)
            position = slots.percentile.upperBound
        }
        if let statistic {
            cursor.put(UnsafeRawBufferPointer(rebasing: wire[position..<slots.statistic.lowerBound]))
            cursor.put(statistic.wireTag)
            position = slots.statistic.upperBound
        }
        cursor.put(UnsafeRawBufferPointer(rebasing: wire[position...]))
    }

    /// The line for `measurement`.
    func line(_ measurement: MeterMeasurement) -> String {
        let buffer = ByteWriter(capacity: 256)
        appendLine(measurement, to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
