/// Where the `percentile` and `statistic` tags go in an id's wire form, as byte offsets: formats
/// insert them (or replace the id's own) by copying the wire bytes around them, without comparing
/// tags.
///
/// Tags are published in key order, so `,percentile=…` goes before the first tag whose key sorts
/// after `percentile`, and likewise for `statistic`. When the id has such a tag itself, the range
/// covers it, and the published one replaces it; otherwise the range is empty. Offsets are 16-bit;
/// a wire form longer than 65 535 bytes (hundreds of tags) has no slots, and the formats go tag by tag.
struct PublishedTagSlots: Sendable {
    private let percentileStart: UInt16
    private let percentileEnd: UInt16
    private let statisticStart: UInt16
    private let statisticEnd: UInt16

    /// The ranges where `,percentile=…` and `,statistic=…` go (not empty when they replace the id's
    /// own), or `nil` for an id too long for 16-bit offsets.
    var ranges: (percentile: Range<Int>, statistic: Range<Int>)? {
        guard percentileStart != Self.tooLong else { return nil }
        return (Int(percentileStart)..<Int(percentileEnd), Int(statisticStart)..<Int(statisticEnd))
    }

    /// Marks an id whose wire form does not fit 16-bit offsets.
    private static let tooLong = UInt16.max

    init(name: String, sortedTags: [Tag]) {
        // starts[i]: where tag i's `,` is; starts[count]: the end of the wire form.
        var starts = [name.utf8.count]
        for tag in sortedTags {
            starts.append(starts[starts.count - 1] + 2 + tag.key.utf8.count + tag.value.utf8.count)
        }
        guard starts[starts.count - 1] < Int(Self.tooLong) else {
            (percentileStart, percentileEnd, statisticStart, statisticEnd) = (Self.tooLong, 0, 0, 0)
            return
        }
        func slot(_ key: String) -> (UInt16, UInt16) {
            let index = sortedTags.firstIndex { $0.key >= key } ?? sortedTags.count
            let isOwn = index < sortedTags.count && sortedTags[index].key == key
            return (UInt16(starts[index]), UInt16(starts[isOwn ? index + 1 : index]))
        }
        (percentileStart, percentileEnd) = slot("percentile")
        (statisticStart, statisticEnd) = slot("statistic")
    }
}
