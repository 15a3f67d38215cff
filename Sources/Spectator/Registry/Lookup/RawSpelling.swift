/// A caller's spelling of a meter that is not its canonical id — characters that sanitising replaces,
/// empty or duplicate tags — kept as given (tags sorted by key bytes) so that the registry's lookup
/// finds it again without sanitising. The lookup's entry points at it instead of at the meter.
@usableFromInline
final class RawSpelling: Sendable {
    /// `name,key=value,...` as given, tags sorted by key bytes.
    @usableFromInline let bytes: [UInt8]
    /// The byte lengths of the name, then of each tag's key and value.
    @usableFromInline let lengths: [Int]
    /// The meter it spells, unretained: the registry's ``MeterStore`` holds it for as long as the
    /// lookup files this spelling.
    @usableFromInline nonisolated(unsafe) let meter: Unmanaged<AnyObject>

    init(bytes: [UInt8], lengths: [Int], meter: AnyObject) {
        self.bytes = bytes
        self.lengths = lengths
        self.meter = .passUnretained(meter)
    }
}
