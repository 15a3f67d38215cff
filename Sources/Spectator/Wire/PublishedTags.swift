/// The tags a measurement is published with, in key order, without building them: the common tags,
/// overridden by the meter's own tags, overridden by the bucket's tag (`percentile` or `distinct`) and
/// `statistic`. This is the one
/// place that order is spelled out; ``PublishedTagSlots`` is its shortcut for an id alone.
struct PublishedTags {
    /// The common tags' keys and values, one after the other.
    private let commonBytes: [UInt8]
    /// Where each common tag's key and value are in ``commonBytes``, sorted by key.
    private let common: [(key: Range<Int>, value: Range<Int>)]

    /// `tags`, sanitised and sorted by key (as ``CommonTags/sanitized(_:)`` returns them); empty for
    /// formats that carry common tags separately.
    init(common tags: [Tag]) {
        var bytes: [UInt8] = []
        var common: [(key: Range<Int>, value: Range<Int>)] = []
        for tag in tags {
            let keyStart = bytes.count
            bytes += tag.key.utf8
            let valueStart = bytes.count
            bytes += tag.value.utf8
            common.append((keyStart..<valueStart, valueStart..<bytes.count))
        }
        commonBytes = bytes
        self.common = common
    }

    /// Calls `body` with the key and value bytes of each published tag, in key order.
    func forEach(
        id: MeterId,
        statistic: Statistic?,
        bucket: BucketTag?,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void
    ) {
        Self.withExtras(statistic: statistic, bucket: bucket) { extras in
            commonBytes.withUnsafeBytes { commonBytes in
                id.storage.withBytes { wire in
                    var own = WireTags(wire: wire, nameLength: id.storage.nameLength)
                    var ownTag = own.next()
                    var commonIndex = 0
                    var extraIndex = 0
                    while true {
                        let commonTag =
                            commonIndex < common.count
                            ? (
                                key: UnsafeRawBufferPointer(rebasing: commonBytes[common[commonIndex].key]),
                                value: UnsafeRawBufferPointer(rebasing: commonBytes[common[commonIndex].value])
                            ) : nil
                        let extraTag = extraIndex < extras.count ? extras[extraIndex] : nil
                        guard let next = Self.smallest(ownTag?.key, commonTag?.key, extraTag?.key) else { return }
                        if let extraTag, Bytes.equal(extraTag.key, next) {
                            body(extraTag.key, extraTag.value)
                            extraIndex += 1
                        } else if let ownTag, Bytes.equal(ownTag.key, next) {
                            body(ownTag.key, ownTag.value)
                        } else if let commonTag {
                            body(commonTag.key, commonTag.value)
                        }
                        if let tag = ownTag, Bytes.equal(tag.key, next) { ownTag = own.next() }
                        if let commonTag, Bytes.equal(commonTag.key, next) { commonIndex += 1 }
                    }
                }
            }
        }
    }

    /// Calls `body` with the bucket's tag and `statistic`, when given, as key and value bytes in key
    /// order (`distinct` and `percentile` both sort before `statistic`).
    private static func withExtras<Result>(
        statistic: Statistic?,
        bucket: BucketTag?,
        _ body: ([(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)]) -> Result
    ) -> Result {
        var bucketValue = bucket?.value ?? ""
        var statisticValue = statistic?.rawValue ?? ""
        return bucketValue.withUTF8 { bucketBytes in
            statisticValue.withUTF8 { statisticBytes in
                var extras: [(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)] = []
                if let bucket {
                    extras.append((bucket.key.utf8Bytes, UnsafeRawBufferPointer(bucketBytes)))
                }
                if statistic != nil {
                    extras.append((Self.statisticKey, UnsafeRawBufferPointer(statisticBytes)))
                }
                return body(extras)
            }
        }
    }

    private static var statisticKey: UnsafeRawBufferPointer { StaticString("statistic").utf8Bytes }

    private static func smallest(
        _ candidates: UnsafeRawBufferPointer?...
    ) -> UnsafeRawBufferPointer? {
        var best: UnsafeRawBufferPointer?
        for candidate in candidates {
            guard let candidate else { continue }
            if let current = best, !candidate.lexicographicallyPrecedes(current) { continue }
            best = candidate
        }
        return best
    }
}
