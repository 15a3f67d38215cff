import Foundation
import Spectator

// A small simulated service instrumented with Spectator. Without SPECTATOR_OUTPUT_LOCATION it
// publishes to standard output: a table per step on a terminal, the line protocol when piped.

let options: Options
switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(.run(let parsed)):
    options = parsed
case .success(.help):
    print(Options.help)
    exit(0)
case .failure(let error):
    FileHandle.standardError.write(Data("SpectatorExample: \(error.message)\n\(Options.usage)\n".utf8))
    exit(2)
}

var environment = ProcessInfo.processInfo.environment
if environment["SPECTATOR_OUTPUT_LOCATION"] == nil {
    let format = options.format ?? (isatty(STDOUT_FILENO) == 1 ? .table : .lines)
    environment["SPECTATOR_OUTPUT_LOCATION"] = format == .table ? "console" : "stdout"
}
let configuration = SpectatorConfiguration(environment: environment)
let registry = Registry(configuration: configuration)
registry.registerProcessMetrics()  // CPU, memory, descriptors, threads: fh.*, swift.*
let publisher = Publisher(registry: registry, configuration: configuration)
let service = SimulatedService(registry: registry)
let stop = StopRequest()
let signalSources = stop.watchSignals(stoppingAfter: options.duration)

FileHandle.standardError.write(
    Data(
        """
        SpectatorExample: \(options.rate) requests/s on \(options.workers) workers, publishing to \
        \(configuration.outputLocation) every \(configuration.step); \
        \(options.duration.map { "stopping after \($0) s" } ?? "Ctrl-C stops")\n
        """.utf8
    )
)
let started = Date()
publisher.start()
service.run(rate: options.rate, workers: options.workers) { stop.isRequested }
publisher.stop()

let elapsed = Date().timeIntervalSince(started)
let percentiles = service.latencyPercentiles()
print(
    String(
        format: "summary: %d requests in %.1f s (%.0f/s); latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms",
        service.requestCount,
        elapsed,
        Double(service.requestCount) / elapsed,
        percentiles[0],
        percentiles[1],
        percentiles[2]
    )
)
