// Runs one hot path `count` times, for `valgrind --tool=callgrind` to count its instructions:
// `callgrind.sh` runs each path at two counts and divides the difference, so start-up cancels out.
import Spectator
import Synchronization

/// The raw floor: a relaxed atomic add on a class field.
final class RawCell: Sendable {
    let value = Atomic<UInt64>(0)
}

@inline(never)
func rawAtomic(_ count: Int) {
    let cell = RawCell()
    for _ in 0..<count { cell.value.wrappingAdd(1, ordering: .relaxed) }
}

@inline(never)
func heldCounter(_ count: Int) {
    let counter = Registry().counter("requests")
    for _ in 0..<count { counter.increment() }
}

@inline(never)
func percentileTimer(_ count: Int) {
    let timer = Registry().percentileTimer("latency")
    let spread: [Int64] = (0..<4096).map { Int64(1_000) << Int64($0 % 20) + Int64($0 * 7919 % 1000) }
    for index in 0..<count { timer.record(nanoseconds: spread[index & 4095]) }
}

@inline(never)
func lookup(_ count: Int) {
    let registry = Registry()
    let status = String(200 + Int.random(in: 0..<1))
    for _ in 0..<count {
        registry.counter("server.requestCount", tags: ["status": status, "method": "GET", "endpoint": "users"])
            .increment()
    }
}

/// `count` steps of 10 000 counters, each incremented once, published to /dev/null.
@inline(never)
func publish(_ count: Int) {
    var configuration = SpectatorConfiguration(
        environment: ["SPECTATOR_OUTPUT_LOCATION": "file:///dev/null"],
        log: .discard
    )
    configuration.maxMeters = 10_010
    let registry = Registry(configuration: configuration)
    let counters = (0..<10_000).map {
        registry.counter("server.requestCount", tags: ["index": String($0), "status": "200"])
    }
    let publisher = Publisher(registry: registry, configuration: configuration)
    for _ in 0..<count {
        for counter in counters { counter.increment() }
        publisher.flush()
    }
}

let arguments = CommandLine.arguments
let count = arguments.count > 2 ? Int(arguments[2]) ?? 0 : 0
switch arguments.count > 1 ? arguments[1] : "" {
case "raw": rawAtomic(count)
case "counter": heldCounter(count)
case "percentile-timer": percentileTimer(count)
case "lookup": lookup(count)
case "publish": publish(count)
default: print("usage: InstructionProbe raw|counter|percentile-timer|lookup|publish <count>")
}
