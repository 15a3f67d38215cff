public import Spectator

/// A read of ``RecordedMeters`` that found no such meter: its message names what was asked for and
/// lists the near misses (the same name with other tags, or the same id as another type of meter).
///
/// ```
/// no counter server.requestCount{status=500} was recorded; near misses:
///   server.requestCount{status=200}: counter, count 3.0
/// ```
public struct MeterNotRecorded: Error, CustomStringConvertible {
    /// The meter asked for.
    public let id: MeterId
    /// The message.
    public let description: String

    init(type: MeterReading.MeterType, id: MeterId, recorded: [MeterId: MeterReading]) {
        self.id = id
        let nearMisses = recorded.filter { $0.key.name == id.name }
            .map { "  \(Self.spelled($0.key)): \($0.value.summary)" }
            .sorted()
        let asked = "no \(type.rawValue) \(Self.spelled(id)) was recorded"
        if nearMisses.isEmpty {
            let names = Set(recorded.keys.map(\.name)).sorted()
            description =
                names.isEmpty
                ? "\(asked); nothing was recorded at all"
                : "\(asked); no meter of that name either. Names recorded: \(names.joined(separator: ", "))"
        } else {
            description = "\(asked); near misses:\n" + nearMisses.joined(separator: "\n")
        }
    }

    /// `name{key=value,...}`, tags in key order.
    private static func spelled(_ id: MeterId) -> String {
        id.name + "{" + id.tags.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
    }
}
