/// Where the `percentile` and `statistic` tags go in an id's wire form, as byte offsets: encoders
/// insert them (or replace the id's own) by copying the wire bytes around them, without comparing
/// tags.
///
/// Tags are published in key order, so `,percentile=…` goes before the first tag whose key sorts
/// after `percentile`, and likewise for `statistic`. When the id has such a tag itself, the range
/// covers it, and the published one replaces it; otherwise the range is empty.
struct PublishedTagSlots: Sendable {
    private let percentileStart: UInt32
    private let percentileEnd: UInt32
    private let statisticStart: UInt32
    private let statisticEnd: UInt32

    /// Where `,percentile=…` goes; not empty when it replaces the id's own `percentile` tag.
    var percentileBytes: Range<Int> { Int(percentileStart)..<Int(percentileEnd) }
    /// Where `,statistic=…` goes; not empty when it replaces the id's own `statistic` tag.
    var statisticBytes: Range<Int> { Int(statisticStart)..<Int(statisticEnd) }

    init(name: String, sortedTags: [Tag]) {
        // starts[i]: where tag i's `,` is; starts[count]: the end of the wire form.
        var starts = [name.utf8.count]
        for tag in sortedTags {
            starts.append(starts[starts.count - 1] + 2 + tag.key.utf8.count + tag.value.utf8.count)
        }
        func slot(_ key: String) -> (UInt32, UInt32) {
            let index = sortedTags.firstIndex { $0.key >= key } ?? sortedTags.count
            let isOwn = index < sortedTags.count && sortedTags[index].key == key
            return (UInt32(starts[index]), UInt32(starts[isOwn ? index + 1 : index]))
        }
        (percentileStart, percentileEnd) = slot("percentile")
        (statisticStart, statisticEnd) = slot("statistic")
    }
}
