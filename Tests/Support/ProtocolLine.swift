import Foundation

/// A SpectatorD protocol line, parsed by the rules of spectatord's `parse_line` (`server/spectatord.cc`).
package struct ProtocolLine: Equatable {
    package let type: Character
    package let option: Int?
    package let name: String
    package let tags: [String: String]
    package let value: Double
    /// The value as an unsigned integer, for the lines whose value is one (`s`: a 64-bit hash).
    package let unsignedValue: UInt64?

    /// Parses one line strictly: a known type, `:` after it (or its option), a non-empty name, tags
    /// as `key=value` up to `,` or `:`, and a value that `strtod` reads completely and that is finite
    /// (for `s`, a decimal `UInt64`).
    package init?(_ line: String) {
        let types: Set<Character> = ["c", "C", "d", "D", "g", "m", "t", "T", "A", "U", "X", "s"]
        var rest = Substring(line)
        guard let type = rest.first, types.contains(type) else { return nil }
        rest = rest.dropFirst()
        var option: Int?
        if rest.first == "," {
            let digits = rest.dropFirst().prefix { $0.isNumber }
            guard !digits.isEmpty, let parsed = Int(digits) else { return nil }
            option = parsed
            rest = rest.dropFirst(1 + digits.count)
        }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        guard let valueSeparator = rest.lastIndex(of: ":") else { return nil }
        let idPart = rest[..<valueSeparator]
        let valuePart = rest[rest.index(after: valueSeparator)...]
        let idFields = idPart.split(separator: ",", omittingEmptySubsequences: false)
        guard let name = idFields.first, !name.isEmpty else { return nil }
        var tags: [String: String] = [:]
        for field in idFields.dropFirst() {
            let pair = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[1].contains("=") else { return nil }
            tags[String(pair[0])] = String(pair[1])
        }
        guard !valuePart.isEmpty, let value = Double(String(valuePart)), value.isFinite else { return nil }
        unsignedValue = UInt64(valuePart)
        if type == "s", unsignedValue == nil { return nil }
        self.type = type
        self.option = option
        self.name = String(name)
        self.tags = tags
        self.value = value
    }
}

/// `name,key=value,…` with the tags sorted by key: one series, whichever wire format it came in.
package func seriesKey(_ name: String, _ tags: [String: String]) -> String {
    ([name] + tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: ",")
}
