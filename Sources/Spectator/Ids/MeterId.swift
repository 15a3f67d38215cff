/// The identity of a meter: a name plus a set of tags.
///
/// A `MeterId` is normalised once, when it is created, and then reused: every character outside
/// `-._A-Za-z0-9~^` becomes `_` (one per Unicode scalar), names are cut to 255 scalars, keys to 60 and
/// values to 120, tags are sorted by key, a duplicate key keeps its last value, and tags whose key or
/// value is empty are dropped, as is a tag named `name` (the meter's name wins). The id caches its hash
/// and its wire form, `name,key=value,...`.
///
/// ```swift
/// let id = MeterId("server.requestCount", tags: ["status": "200", "method": "GET"])
/// print(id)  // server.requestCount,method=GET,status=200
/// ```
///
/// An id whose name is empty is kept as is but is not valid: a ``Registry`` answers it with a no-op
/// meter and reports it once through its ``LogSink``.
public struct MeterId: Hashable, Sendable, CustomStringConvertible {
    private let storage: Storage

    /// The sanitised name.
    public var name: String { storage.name }

    /// The sanitised tags, sorted by key, without duplicate keys.
    public var tags: [Tag] { storage.tags }

    /// The wire form: `name,key=value,...` with the tags in key order.
    public var description: String { storage.wire }

    /// Whether the id can name a meter: its name is not empty.
    public var isValid: Bool { !storage.name.isEmpty }

    /// The id of the no-op meters a registry hands out when it cannot serve a request.
    static let noop = MeterId("spectator.noop")

    /// How many of the id's tags sort before `percentile` and before `statistic`, and whether the id
    /// has those tags itself: where encoders insert (or override) them without comparing strings.
    var publishedTagSlots: PublishedTagSlots { storage.slots }

    /// The seeded hash the registry's lookup table files this id under (name and tags in key order).
    @usableFromInline var lookupHash: UInt64 { storage.lookupHash }

    /// Creates an id from a name and tags written as a literal, e.g. `["status": "200"]`.
    public init(_ name: String, tags: KeyValuePairs<String, String> = [:]) {
        self.init(name: name, unsortedTags: tags)
    }

    /// Creates an id from a name and tags built at run time: a `[String: String]` dictionary or any
    /// sequence of key-value pairs, in which a later duplicate key wins.
    ///
    /// ```swift
    /// let tags: [String: String] = ["region": region, "zone": zone]
    /// let id = MeterId("server.requestCount", tagPairs: tags)
    /// ```
    ///
    /// (A `tags:` literal always means the `KeyValuePairs` initialiser, which keeps duplicate keys
    /// instead of trapping on them as a dictionary literal would.)
    public init<Tags: Sequence<(key: String, value: String)>>(_ name: String, tagPairs: Tags) {
        self.init(name: name, unsortedTags: tagPairs)
    }

    private init<Tags: Sequence<(key: String, value: String)>>(name: String, unsortedTags: Tags) {
        var indexed: [(tag: Tag, position: Int)] = []
        for (position, (key, value)) in unsortedTags.enumerated() where !key.isEmpty && !value.isEmpty {
            let tag = Tag(
                key: TagSanitizer.sanitize(key, maxLength: TagSanitizer.maxKeyLength),
                value: TagSanitizer.sanitize(value, maxLength: TagSanitizer.maxValueLength)
            )
            if tag.key != "name" {
                indexed.append((tag, position))
            }
        }
        indexed.sort { $0.tag.key != $1.tag.key ? $0.tag.key < $1.tag.key : $0.position < $1.position }
        var tags: [Tag] = []
        tags.reserveCapacity(indexed.count)
        for (tag, _) in indexed {
            if tags.last?.key == tag.key {
                tags[tags.count - 1] = tag
            } else {
                tags.append(tag)
            }
        }
        let name = TagSanitizer.sanitize(name, maxLength: TagSanitizer.maxNameLength)
        self.storage = Storage(name: name, sortedTags: tags)
    }

    /// The value of the tag `key`, or `nil` when the id has no such tag.
    public func value(forTag key: String) -> String? {
        storage.tags.first { $0.key == key }?.value
    }

    /// A copy of this id with one more tag (sanitised; it replaces an existing tag with the same key).
    ///
    /// ```swift
    /// let failed = MeterId("server.requestCount").withTag("status", "500")
    /// ```
    public func withTag(_ key: String, _ value: String) -> MeterId {
        withTags([(key, value)])
    }

    /// A copy of this id with more tags; they replace existing tags with the same keys.
    public func withTags(_ extra: KeyValuePairs<String, String>) -> MeterId {
        withTags(extra.map { ($0.key, $0.value) })
    }

    private func withTags(_ extra: [(key: String, value: String)]) -> MeterId {
        let existing = storage.tags.lazy.map { (key: $0.key, value: $0.value) }
        return MeterId(name: storage.name, unsortedTags: Array(existing) + extra)
    }

    public static func == (lhs: MeterId, rhs: MeterId) -> Bool {
        lhs.storage === rhs.storage || (lhs.storage.hash == rhs.storage.hash && lhs.storage.wire == rhs.storage.wire)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.hash)
    }

    /// The normalised parts and what is derived from them, computed once and shared by every copy.
    private final class Storage: Sendable {
        let name: String
        let tags: [Tag]
        let wire: String
        let hash: Int
        let lookupHash: UInt64
        let slots: PublishedTagSlots

        init(name: String, sortedTags: [Tag]) {
            self.name = name
            self.tags = sortedTags
            var wire = name
            for tag in sortedTags {
                wire += ","
                wire += tag.key
                wire += "="
                wire += tag.value
            }
            self.wire = wire
            self.hash = wire.hashValue
            self.slots = PublishedTagSlots(name: name, sortedTags: sortedTags)
            self.lookupHash = LookupHash.hash(name: name, tags: sortedTags.lazy.map { (key: $0.key, value: $0.value) })
        }
    }
}

/// Where the `percentile` and `statistic` tags go among an id's sorted tags, as tag indexes and as
/// byte offsets into its wire form, so that encoders insert (or override) them with copies of the
/// cached wire bytes instead of comparing and copying tag by tag.
struct PublishedTagSlots: Sendable {
    /// The number of tags whose key sorts before `percentile`.
    let percentile: Int
    /// Whether the id has a `percentile` tag of its own (at index ``percentile``).
    let hasPercentile: Bool
    /// The number of tags whose key sorts before `statistic`.
    let statistic: Int
    /// Whether the id has a `statistic` tag of its own (at index ``statistic``).
    let hasStatistic: Bool
    /// Where in the wire form `,percentile=…` goes, and where the id's own percentile tag ends.
    let percentileBytes: Range<Int>
    /// Where in the wire form `,statistic=…` goes, and where the id's own statistic tag ends.
    let statisticBytes: Range<Int>

    init(name: String, sortedTags: [Tag]) {
        percentile = sortedTags.firstIndex { $0.key >= "percentile" } ?? sortedTags.count
        hasPercentile = percentile < sortedTags.count && sortedTags[percentile].key == "percentile"
        statistic = sortedTags.firstIndex { $0.key >= "statistic" } ?? sortedTags.count
        hasStatistic = statistic < sortedTags.count && sortedTags[statistic].key == "statistic"
        var starts = [name.utf8.count]
        for tag in sortedTags {
            starts.append(starts[starts.count - 1] + 2 + tag.key.utf8.count + tag.value.utf8.count)
        }
        percentileBytes = starts[percentile]..<starts[hasPercentile ? percentile + 1 : percentile]
        statisticBytes = starts[statistic]..<starts[hasStatistic ? statistic + 1 : statistic]
    }
}
