/// The identity of a meter: a name plus a set of tags.
///
/// A `MeterId` is normalised once, when it is created, and then reused: every character outside
/// `-._A-Za-z0-9~^` becomes `_` (one per Unicode scalar), names are cut to 255 scalars, keys to 60 and
/// values to 120, tags are sorted by key, a duplicate key keeps its last value, and tags whose key or
/// value is empty are dropped, as is a tag named `name` (the meter's name wins). The id keeps one
/// thing: its wire form, `name,key=value,...`, as bytes in a single allocation (`IdStorage`), with its
/// hash; the name and the tags are read back from those bytes.
///
/// ```swift
/// let id = MeterId("server.requestCount", tags: ["status": "200", "method": "GET"])
/// print(id)  // server.requestCount,method=GET,status=200
/// ```
///
/// An id whose name is empty is kept as is but is not valid: a ``Registry`` answers it with a no-op
/// meter and reports it once through its ``LogSink``.
public struct MeterId: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline nonisolated(unsafe) let storage: IdStorage

    /// The sanitised name.
    public var name: String {
        storage.withBytes {
            String(decoding: UnsafeRawBufferPointer(rebasing: $0[..<storage.nameLength]), as: UTF8.self)
        }
    }

    /// The sanitised tags, sorted by key, without duplicate keys.
    public var tags: [Tag] {
        var tags: [Tag] = []
        storage.forEachTag { key, value in
            tags.append(Tag(key: String(decoding: key, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }
        return tags
    }

    /// The wire form: `name,key=value,...` with the tags in key order.
    public var description: String { storage.withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Whether the id can name a meter: its name is not empty.
    public var isValid: Bool { storage.nameLength > 0 }

    /// The id of the no-op meters a registry hands out when it cannot serve a request.
    static let noop = MeterId("spectator.noop")

    /// Whether the id has a `statistic` tag of its own, which counters and gauges keep (Spectator's rule).
    @inline(__always)
    var hasOwnStatistic: Bool {
        publishedTagSlots.ranges.map { !$0.statistic.isEmpty } ?? (value(forTag: "statistic") != nil)
    }

    /// Where the formats insert (or override) `percentile` and `statistic` without comparing strings.
    var publishedTagSlots: PublishedTagSlots { storage.fields.slots }

    /// The seeded hash the registry's lookup table files this id under (name and tags in key order).
    @usableFromInline var lookupHash: UInt64 { storage.fields.lookupHash }

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
        storage = IdStorage.make(name: name, sortedTags: tags)
    }

    /// The value of the tag `key`, or `nil` when the id has no such tag.
    public func value(forTag key: String) -> String? {
        var found: String?
        var wanted = key
        wanted.withUTF8 { wanted in
            storage.forEachTag { tagKey, value in
                if found == nil, tagKey.elementsEqual(wanted) { found = String(decoding: value, as: UTF8.self) }
            }
        }
        return found
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
        MeterId(name: name, unsortedTags: tags.map { (key: $0.key, value: $0.value) } + extra)
    }

    public static func == (lhs: MeterId, rhs: MeterId) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.hasSameBytes(as: rhs.storage)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lookupHash)
    }
}
