import Foundation
import Spectator
import Synchronization

/// A pretend HTTP service: workers take synthetic requests off a schedule and record what a real
/// service would, through meters created once and reused.
final class SimulatedService: Sendable {
    static let endpoints = ["/users/:id", "/orders", "/search"]

    /// Each request is a served call in the family's Common IPC metrics: `ipc.server.call` by
    /// endpoint and status, and `ipc.server.inflight`.
    private let calls: IpcMetrics
    private let responseSize: DistributionSummary
    private let inFlight: Gauge
    private let queueDepth: MaxGauge
    private let activeRequests: LongTaskTimer
    private let sinceSuccess: AgeGauge
    private let bytesSent: MonotonicCounterUInt64
    private let lastResponseSize: Gauge
    private let distinctUsers: DistinctCountSketch
    private let busyWorkers = Atomic<Int>(0)
    private let handled = Atomic<Int>(0)
    private let totalBytes = Atomic<UInt64>(0)
    /// The simulated latencies' bucket counts (``PercentileBuckets``), each worker's added in as it ends.
    private let latencyCounts = Mutex([UInt64](repeating: 0, count: PercentileBuckets.count))

    init(registry: Registry) {
        calls = IpcMetrics(registry: registry, owner: "spectator-example")
        responseSize = registry.distributionSummary("server.responseSize")
        inFlight = registry.gauge("server.inFlight")
        queueDepth = registry.maxGauge("server.queueDepth")
        activeRequests = registry.longTaskTimer("server.activeRequests")
        sinceSuccess = registry.ageGauge("server.timeSinceLastSuccess")
        bytesSent = registry.monotonicCounterUInt64("server.bytesSent")
        // Stops being published 30 s after the last response.
        lastResponseSize = registry.gauge("server.lastResponseSize", ttl: .seconds(30))
        // How many of the 5 000 simulated users sent a request in the step (an estimate).
        distinctUsers = registry.distinctCountSketch("server.distinctUsers")
        // Sampled at each step, on the publisher's thread; dropped once the service is gone.
        registry.polledGauge("server.busyWorkers", of: self) { Double($0.busyWorkers.load(ordering: .relaxed)) }
    }

    var requestCount: Int { handled.load(ordering: .relaxed) }

    /// Handles requests at `rate` per second split over `workers` threads until `shouldStop` says so.
    func run(rate: Double, workers: Int, shouldStop: @escaping @Sendable () -> Bool) {
        let done = DispatchSemaphore(value: 0)
        for worker in 0..<workers {
            let thread = Thread { [self] in
                let counts = work(rate: rate / Double(workers), seed: UInt64(worker) &+ 1, shouldStop: shouldStop)
                latencyCounts.withLock { total in
                    for index in total.indices { total[index] += counts[index] }
                }
                done.signal()
            }
            thread.start()
        }
        for _ in 0..<workers { done.wait() }
    }

    /// Handles this worker's share of the requests; returns the bucket counts of their latencies.
    private func work(rate: Double, seed: UInt64, shouldStop: @Sendable () -> Bool) -> [UInt64] {
        var latencies = [UInt64](repeating: 0, count: PercentileBuckets.count)
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(Date().timeIntervalSince1970 * 1000))
        let interval = 1 / rate
        let start = Date()
        var scheduled = 0.0
        while !shouldStop() {
            let now = Date().timeIntervalSince(start)
            if scheduled > now {
                Thread.sleep(forTimeInterval: min(scheduled - now, 0.05))
                continue
            }
            // Requests due but not started yet: the backlog this worker is behind by.
            queueDepth.set(((now - scheduled) / interval).rounded(.down))
            let busy = busyWorkers.wrappingAdd(1, ordering: .relaxed).newValue
            inFlight.set(Double(busy))
            let task = activeRequests.start()
            let nanoseconds = handle(&random)
            latencies[PercentileBuckets.index(of: nanoseconds)] += 1
            activeRequests.stop(task)
            busyWorkers.wrappingAdd(-1, ordering: .relaxed)
            handled.wrappingAdd(1, ordering: .relaxed)
            scheduled += interval
        }
        return latencies
    }

    /// One request: a log-normal latency around 20 ms with a slow tail, 2 % errors, 3 % not found.
    /// Returns its latency in nanoseconds.
    private func handle(_ random: inout SplitMix64) -> Int64 {
        let endpoint = Self.endpoints[Int(random.next() % UInt64(Self.endpoints.count))]
        let call = calls.startServerCall(endpoint: endpoint, httpMethod: "GET", protocol: .http1)
        distinctUsers.record(Int64(random.next() % 5_000))
        var milliseconds = 20 * exp(0.6 * random.nextGaussian())
        if random.nextUnit() < 0.01 { milliseconds *= 10 }  // a slow outlier
        let roll = random.nextUnit()
        let status = roll < 0.02 ? 500 : roll < 0.05 ? 404 : 200
        let nanoseconds = Int64(milliseconds * 1_000_000)
        let size = status == 200 ? Int(200 + random.next() % 8000) : 120
        // The latency is simulated, so the call is given it rather than timed.
        call.finish(httpStatus: status, responseBytes: size, latency: .nanoseconds(nanoseconds))
        responseSize.record(size)
        lastResponseSize.set(Double(size))
        bytesSent.set(totalBytes.wrappingAdd(UInt64(size), ordering: .relaxed).newValue)
        if status == 200 { sinceSuccess.setNow() }
        return nanoseconds
    }

    /// p50, p90 and p99 of all requests' latencies, in milliseconds, once the workers have ended.
    func latencyPercentiles() -> [Double] {
        latencyCounts.withLock { PercentileBuckets.percentiles([50, 90, 99], counts: $0) }.map { $0 / 1_000_000 }
    }
}

/// A small, fast, seedable random number generator, so each worker has its own.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// Standard normal, by Box–Muller.
    mutating func nextGaussian() -> Double {
        let u1 = max(nextUnit(), .leastNonzeroMagnitude)
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
