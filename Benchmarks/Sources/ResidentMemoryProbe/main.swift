// Resident memory per counter in a fresh process: what the kernel counts (RSS from /proc/self/statm)
// before and after creating `count` counters `server.requestCount,index=<n>,status=200` and keeping
// them in an array (its 8 bytes a counter included), ours or swift-prometheus'.
//
//   swift build -c release --product ResidentMemoryProbe
//   .build/release/ResidentMemoryProbe spectator 20000
//   .build/release/ResidentMemoryProbe prometheus 20000
import MemoryStats
import Prometheus
import Spectator

func residentBytesPerCounter<Meter>(count: Int, _ make: (Int) -> Meter) -> Double {
    let before = memory_stats_resident()
    var held: [Meter] = []
    held.reserveCapacity(count)
    for index in 0..<count { held.append(make(index)) }
    let after = memory_stats_resident()
    return withExtendedLifetime(held) { Double(after - before) / Double(count) }
}

func spectator(_ count: Int) -> Double {
    let registry = Registry(maxMeters: max(count, 100_000))
    return residentBytesPerCounter(count: count) {
        registry.counter("server.requestCount", tags: ["index": String($0), "status": "200"])
    }
}

func prometheus(_ count: Int) -> Double {
    let registry = PrometheusCollectorRegistry()
    let descriptor = MetricNameDescriptor(metricName: "server_requestCount", unitName: "", helpText: "requests")
    return residentBytesPerCounter(count: count) {
        registry.makeCounter(descriptor: descriptor, labels: [("index", String($0)), ("status", "200")])
    }
}

let arguments = CommandLine.arguments
if arguments.count == 3, let count = Int(arguments[2]), count > 0, let measure = ["spectator": spectator, "prometheus": prometheus][arguments[1]] {
    let perCounter = measure(count)
    print("\(arguments[1]): \(count) counters, \((perCounter * 10).rounded() / 10) resident bytes per counter")
} else {
    print("usage: ResidentMemoryProbe spectator|prometheus <counters>")
}
