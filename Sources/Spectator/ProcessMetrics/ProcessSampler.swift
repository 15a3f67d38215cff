/// Reads the process's metrics for its meters: all sources at once, when a meter asks for a metric it
/// has already been given from the current sample, so each collection reads every source once.
///
/// A source that cannot be read (no `/proc`, a refused system call) leaves its metrics out of the
/// sample, so their meters publish nothing that step; each source's first failure is logged, once.
final class ProcessSampler: Sendable {
    private struct State {
        var sample: [ProcessMetric: Double] = [:]
        var taken: Set<ProcessMetric> = []
        var reported: Set<String> = []
    }

    private let state = Locked(State())
    private let log: LogSink

    init(log: LogSink) {
        self.log = log
    }

    /// The metric's value in the current sample, or `nil` when its source could not be read.
    func value(of metric: ProcessMetric) -> Double? {
        state.withLock { state in
            if state.taken.contains(metric) || state.sample.isEmpty {
                state.sample = read(reporting: &state.reported)
                state.taken = []
            }
            state.taken.insert(metric)
            return state.sample[metric]
        }
    }

    /// One reading of every source.
    private func read(reporting reported: inout Set<String>) -> [ProcessMetric: Double] {
        var sample: [ProcessMetric: Double] = [:]
        func take<Value>(_ source: String, _ result: Result<Value, Platform.ReadFailure>, _ use: (Value) -> Void) {
            switch result {
            case .success(let value): use(value)
            case .failure(let failure):
                if reported.insert(source).inserted {
                    log(.processMetricUnavailable(source: source, reason: failure.description))
                }
            }
        }
        take("descriptors", Platform.openDescriptorCount()) { sample[.openDescriptors] = $0 }
        take("descriptor limit", Platform.descriptorLimit()) { sample[.descriptorLimit] = $0 }
        take("resource usage", Platform.resourceUsage()) { usage in
            sample[.userTime] = usage.userSeconds
            sample[.systemTime] = usage.systemSeconds
            sample[.maxResidentSetSize] = usage.maxResidentBytes
            sample[.minorPageFaults] = usage.minorFaults
            sample[.majorPageFaults] = usage.majorFaults
            sample[.voluntarySwitches] = usage.voluntarySwitches
            sample[.involuntarySwitches] = usage.involuntarySwitches
            sample[.blockInputs] = usage.blockInputs
            sample[.blockOutputs] = usage.blockOutputs
        }
        take("memory", Platform.memorySizes()) { sizes in
            sample[.residentMemory] = sizes.resident
            sample[.virtualMemory] = sizes.virtual
        }
        take("malloc", Platform.mallocBytesInUse()) { sample[.mallocInUse] = $0 }
        take("threads", Platform.threadCount()) { sample[.threads] = $0 }
        take("uptime", Platform.processUptime()) { sample[.uptime] = $0 }
        return sample
    }
}
