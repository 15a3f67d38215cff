/// Command-line options: `--duration <seconds>`, `--rate <requests/s>`, `--workers <n>`,
/// `--format table|lines` and `--help`.
///
/// Each option takes its value as the next argument or after `=` (`--rate 500`, `--rate=500`).
struct Options: Equatable {
    /// How long to run; `nil` runs until SIGINT or SIGTERM.
    var duration: Double?
    /// Synthetic requests per second, across all workers.
    var rate = 200.0
    /// Worker threads handling requests.
    var workers = 4
    /// What standard output shows when `SPECTATOR_OUTPUT_LOCATION` is not set; `nil`: a table on a
    /// terminal, lines otherwise.
    var format: Format?

    /// What standard output shows.
    enum Format: String, Equatable {
        /// A table per step, for a person (`SPECTATOR_OUTPUT_LOCATION=console`).
        case table
        /// SpectatorD's line protocol (`SPECTATOR_OUTPUT_LOCATION=stdout`).
        case lines
    }

    static let usage =
        "usage: SpectatorExample [--duration <seconds>] [--rate <requests/s>] [--workers <n>] [--format table|lines]"

    static let help = """
        SpectatorExample: a simulated HTTP service instrumented with Spectator. It publishes its metrics
        every step and prints a latency summary when it stops (Ctrl-C, SIGTERM or --duration).

        \(usage)

        Options:
          --duration <seconds>   stop after this long (default: run until Ctrl-C or SIGTERM)
          --rate <requests/s>    synthetic requests per second, all workers together (default 200)
          --workers <n>          worker threads, 1 to 256 (default 4)
          --format table|lines   what standard output shows: a table per step for a person, or
                                 SpectatorD's line protocol (default: a table on a terminal, lines
                                 when piped or redirected); ignored when SPECTATOR_OUTPUT_LOCATION is set
          -h, --help             print this help and exit

        Environment:
          SPECTATOR_OUTPUT_LOCATION  where to publish (default here: console or stdout, as --format says);
                                     e.g. udp://127.0.0.1:1234,
                                     unix:///run/spectatord/spectatord.unix, http://localhost:7101/api/v1/publish
          SPECTATOR_STEP             publish step, e.g. 500ms, 5s, 1m (default 5s)
          SPECTATOR_COMMON_TAGS      tags added to every measurement: key=value,key2=value2
          SPECTATOR_BATCH_SIZE, SPECTATOR_MAX_METERS, SPECTATOR_METER_TTL, NETFLIX_APP, NETFLIX_CLUSTER, …
                                     as README.md's configuration table describes
        """

    /// What the command line asks for: run with options, or print the help.
    enum Request: Equatable {
        case run(Options)
        case help
    }

    /// Parses `arguments` (without the program name); the error's message says what is wrong.
    static func parse(_ arguments: [String]) -> Result<Request, OptionError> {
        var options = Options()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" { return .success(.help) }
            guard argument.hasPrefix("-") else {
                return .failure(OptionError("unexpected argument '\(argument)': this program takes only options"))
            }
            let (flag, inlineValue) = split(argument)
            guard ["--duration", "--rate", "--workers", "--format"].contains(flag) else {
                return .failure(OptionError("unknown option '\(flag)'"))
            }
            guard let text = inlineValue ?? remaining.popFirst() else {
                return .failure(OptionError("\(flag) needs a value"))
            }
            if let problem = options.set(flag, to: text) { return .failure(OptionError(problem)) }
        }
        return .success(.run(options))
    }

    /// `--flag=value` as (`--flag`, `value`); anything else as (`argument`, `nil`).
    private static func split(_ argument: String) -> (flag: String, value: String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// Sets the option `flag` from `text`; returns what is wrong with `text`, if anything.
    private mutating func set(_ flag: String, to text: String) -> String? {
        switch flag {
        case "--duration":
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                return "--duration wants a positive number of seconds, not '\(text)'"
            }
            duration = seconds
        case "--format":
            guard let value = Format(rawValue: text) else {
                return "--format wants table or lines, not '\(text)'"
            }
            format = value
        case "--rate":
            guard let value = Double(text), value > 0, value <= 10_000_000 else {
                return "--rate wants requests per second in (0, 10000000], not '\(text)'"
            }
            rate = value
        default:
            guard let value = Int(text), (1...256).contains(value) else {
                return "--workers wants 1 to 256, not '\(text)'"
            }
            workers = value
        }
        return nil
    }
}

/// A command line the example cannot run with; `message` says why.
struct OptionError: Error, Equatable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
