/// One metric of the process that ``Registry/registerProcessMetrics()`` publishes, with the meter that
/// carries it: the names and tags of the family's runtime collectors (spectator-go-runtime-metrics'
/// `fh.*`, netflix-spectator-py-runtime-metrics' `py.resource.*`) with `swift.` for `py.`.
enum ProcessMetric: CaseIterable, Hashable, Sendable {
    case openDescriptors, descriptorLimit
    case userTime, systemTime, maxResidentSetSize
    case minorPageFaults, majorPageFaults, voluntarySwitches, involuntarySwitches, blockInputs, blockOutputs
    case residentMemory, virtualMemory, mallocInUse, threads, uptime

    /// The meter's name and tags.
    var id: (name: String, tags: KeyValuePairs<String, String>) {
        switch self {
        case .openDescriptors: ("fh.allocated", [:])
        case .descriptorLimit: ("fh.max", [:])
        case .userTime: ("swift.resource.time", ["mode": "user"])
        case .systemTime: ("swift.resource.time", ["mode": "system"])
        case .maxResidentSetSize: ("swift.resource.maxResidentSetSize", [:])
        case .minorPageFaults: ("swift.resource.pageFaults", ["io.required": "false"])
        case .majorPageFaults: ("swift.resource.pageFaults", ["io.required": "true"])
        case .voluntarySwitches: ("swift.resource.contextSwitches", ["id": "voluntary"])
        case .involuntarySwitches: ("swift.resource.contextSwitches", ["id": "involuntary"])
        case .blockInputs: ("swift.resource.blockOperations", ["id": "input"])
        case .blockOutputs: ("swift.resource.blockOperations", ["id": "output"])
        case .residentMemory: ("swift.memory.resident", [:])
        case .virtualMemory: ("swift.memory.virtual", [:])
        case .mallocInUse: ("swift.malloc.inUse", [:])
        case .threads: ("swift.threads", [:])
        case .uptime: ("swift.process.uptime", [:])
        }
    }

    /// Whether the metric is a running total, published as its growth per step (a monotonic counter),
    /// rather than a level (a gauge).
    var isCumulative: Bool {
        switch self {
        case .userTime, .systemTime, .minorPageFaults, .majorPageFaults, .voluntarySwitches,
            .involuntarySwitches, .blockInputs, .blockOutputs:
            true
        case .openDescriptors, .descriptorLimit, .maxResidentSetSize, .residentMemory, .virtualMemory,
            .mallocInUse, .threads, .uptime:
            false
        }
    }
}
