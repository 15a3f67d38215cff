/// One dimension of a ``MeterId``: a key and its value, both already sanitised.
public struct Tag: Hashable, Sendable, CustomStringConvertible {
    /// The tag key, e.g. `status`.
    public let key: String
    /// The tag value, e.g. `200`.
    public let value: String

    /// Creates a tag from strings that are already valid; ``MeterId`` is what sanitises user input.
    init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// `key=value`, as on the wire.
    public var description: String { "\(key)=\(value)" }
}
