/// Command-line options: `--duration <seconds>` and `--rate <requests per second>`.
struct Options {
    /// How long to run; `nil` runs until SIGINT or SIGTERM.
    var duration: Double?
    /// Synthetic requests per second, across all workers.
    var rate = 200.0
    /// Worker threads handling requests.
    var workers = 4

    static let usage = "usage: SpectatorExample [--duration <seconds>] [--rate <requests/s>] [--workers <n>]"

    /// Parses `arguments` (without the program name); returns an error message for bad input.
    static func parse(_ arguments: [String]) -> Result<Options, OptionError> {
        var options = Options()
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--help" || flag == "-h" { return .failure(OptionError(message: usage)) }
            guard let text = remaining.popFirst() else {
                return .failure(OptionError(message: "\(flag) needs a value\n\(usage)"))
            }
            switch flag {
            case "--duration":
                guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                    return .failure(OptionError(message: "--duration wants a positive number of seconds, not \(text)"))
                }
                options.duration = seconds
            case "--rate":
                guard let rate = Double(text), rate > 0, rate <= 10_000_000 else {
                    return .failure(
                        OptionError(message: "--rate wants requests per second in (0, 10000000], not \(text)")
                    )
                }
                options.rate = rate
            case "--workers":
                guard let workers = Int(text), (1...256).contains(workers) else {
                    return .failure(OptionError(message: "--workers wants 1 to 256, not \(text)"))
                }
                options.workers = workers
            default:
                return .failure(OptionError(message: "unknown option \(flag)\n\(usage)"))
            }
        }
        return .success(options)
    }
}

struct OptionError: Error {
    let message: String
}
