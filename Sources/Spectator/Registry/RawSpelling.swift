/// A caller's spelling of a meter that is not its canonical id — tags with characters that sanitising
/// replaces, empty or duplicate tags — kept as given (tags sorted by key bytes) so that the registry's
/// lookup finds it again without sanitising.
@usableFromInline
final class RawSpelling: Sendable {
    @usableFromInline let name: String
    @usableFromInline let tags: [(key: String, value: String)]

    init(name: String, tags: [(key: String, value: String)]) {
        self.name = name
        self.tags = tags
    }
}
