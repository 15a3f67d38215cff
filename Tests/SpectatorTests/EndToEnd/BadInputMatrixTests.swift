import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

/// Bad names, tags and values through every meter type, and bad settings through every
/// configuration field: each gets its documented outcome, and everything emitted still parses.
@Suite("Bad-input matrix", .serialized)
struct BadInputMatrixTests {
    static let names = ["", String(repeating: "n", count: 10_000), "a,b:c=d\ne\0f", "🙂", "e\u{301}", "requests"]
    static let tagSets: [[(key: String, value: String)]] = [
        [],
        [("", "empty key"), ("empty value", ""), ("set", "2")],
        [(String(repeating: "k", count: 10_000), String(repeating: "v", count: 10_000))],
        [(",:=\n\0", "🙂e\u{301}🇫🇷")],
    ]
    static let amounts: [Double] = [.nan, .infinity, -.infinity, -1, .greatestFiniteMagnitude, 0]
    static let hugeTimeSeconds = Double(Int64.max) / 1e9

    enum Meter: String, CaseIterable {
        case counter, timer, summary, gauge, maxGauge, monotonic, percentileTimer, percentileSummary, sketch
    }

    /// Records every bad amount, integer and duration into the meter of `kind` under `id`.
    func recordEverything(_ kind: Meter, _ id: MeterId, in registry: Registry) {
        switch kind {
        case .counter:
            let counter = registry.counter(id)
            for amount in Self.amounts { counter.increment(by: amount) }
            counter.increment(by: Int.min)
        case .timer: recordDurations(registry.timer(id))
        case .percentileTimer: recordDurations(registry.percentileTimer(id))
        case .summary: recordAmounts(registry.distributionSummary(id))
        case .percentileSummary: recordAmounts(registry.percentileDistributionSummary(id))
        case .gauge:
            let gauge = registry.gauge(id)
            for amount in Self.amounts { gauge.set(amount) }
        case .maxGauge:
            let gauge = registry.maxGauge(id)
            for amount in Self.amounts { gauge.set(amount) }
        case .monotonic:
            let counter = registry.monotonicCounter(id)
            for amount in Self.amounts { counter.set(amount) }
        case .sketch:
            let sketch = registry.distinctCountSketch(id)
            for value in ["", "\0", String(repeating: "a", count: 10_000), "e\u{301}"] { sketch.record(value) }
            sketch.record(bytes: [UInt8]())
            sketch.record("x😀".dropFirst())
            sketch.record(Int64.min)
            sketch.record(Int.max)
        }
    }

    private func recordDurations(_ timer: some DurationRecording) {
        for amount in Self.amounts { timer.record(seconds: amount) }
        timer.record(nanoseconds: .min)
        timer.record(.seconds(-5))
        timer.record(.seconds(Int64.max))
    }

    private func recordAmounts(_ summary: some AmountRecording) {
        for amount in Self.amounts { summary.record(amount) }
        summary.record(Int.min)
        summary.record(Int.max)
    }

    /// The documented outcome of ``recordEverything(_:_:in:)``, as `statistic: value`.
    static func expected(_ kind: Meter) -> [String: Double] {
        switch kind {
        // NaN, ±infinity, negatives and 0 are ignored; the huge amount is kept.
        case .counter: ["count": .greatestFiniteMagnitude]
        // Kept: greatestFiniteMagnitude s and .seconds(Int64.max) (both as Int64.max ns), and 0.
        case .timer, .percentileTimer: ["count": 3, "max": hugeTimeSeconds]
        // Kept: greatestFiniteMagnitude, 0 and Int.max.
        case .summary, .percentileSummary: ["count": 3, "max": .greatestFiniteMagnitude]
        // NaN clears, ±infinity is ignored, the last finite value stays.
        case .gauge: ["gauge": 0]
        case .maxGauge: ["max": .greatestFiniteMagnitude]
        // A first sample only sets the baseline.
        case .monotonic: [:]
        // Every value counts, the empty ones (the same hash) included: their registers and ranks, as
        // Python's xxhash package computes them.
        case .sketch: ["R00": 1, "R0C": 1, "R0E": 2, "R19": 1, "R1D": 2, "R20": 3, "R28": 1]
        }
    }

    @Test("names × tags × every meter × NaN, ±∞, negative, huge and Int.min: the documented outcome, and it all parses")
    func apiMatrix() throws {
        let log = LogLines()
        let registry = Registry(log: log.sink)
        for name in Self.names {
            for tags in Self.tagSets {
                for kind in Meter.allCases {
                    recordEverything(kind, MeterId(name, tagPairs: tags + [("meter", kind.rawValue)]), in: registry)
                }
            }
        }
        let measurements = registry.collect()

        #expect(log.all.filter { $0.contains("empty name") }.count == 1)
        #expect(!measurements.contains { $0.id.name.isEmpty })
        var outcomes: [MeterId: [String: Double]] = [:]
        for measurement in measurements {
            if let statistic = measurement.statistic, [.count, .max, .gauge].contains(statistic) {
                outcomes[measurement.id, default: [:]][statistic.rawValue] = measurement.value
            }
            if let register = measurement.distinctRegister {
                outcomes[measurement.id, default: [:]][register] = measurement.value
            }
        }
        for name in Self.names.dropFirst() {
            for tags in Self.tagSets {
                for kind in Meter.allCases {
                    let id = MeterId(name, tagPairs: tags + [("meter", kind.rawValue)])
                    #expect(outcomes[id, default: [:]] == Self.expected(kind), "\(kind) \(id)")
                }
            }
        }

        try expectEverythingParses(measurements)
    }

    /// Every id is within Atlas' limits, and the three wire formats carry every measurement in a
    /// form their parsers (spectatord's `parse_line`, JSON) read back.
    func expectEverythingParses(_ measurements: [MeterMeasurement]) throws {
        let allowed = Set("-._ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~^".unicodeScalars)
        for measurement in measurements {
            #expect(measurement.value.isFinite)
            #expect(measurement.id.name.unicodeScalars.count <= 255)
            #expect(measurement.id.name.unicodeScalars.allSatisfy(allowed.contains))
            for tag in measurement.tags {
                #expect(tag.key.unicodeScalars.count <= 60 && tag.value.unicodeScalars.count <= 120)
                #expect((tag.key + tag.value).unicodeScalars.allSatisfy(allowed.contains))
            }
        }

        let commonTags = CommonTags.sanitized(["nf.app": "a,b=c:d\n", String(repeating: "x", count: 500): "🙂"])
        let (datagrams, oversized) = LineDatagramExporter.datagrams(
            measurements,
            format: LineProtocolFormat(commonTags: commonTags)
        )
        let lines = datagrams.flatMap { String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n") }
        #expect(oversized == 0)
        #expect(lines.count == measurements.count)
        #expect(lines.allSatisfy { ProtocolLine(String($0)) != nil })

        let atlas = JSONBodyFormat.atlasPublish(AtlasPublishFormat(commonTags: commonTags), step: .seconds(60))
            .bodies(measurements, timestampMillis: 60_000, batchSize: 500)
        var metricCount = 0
        for body in atlas {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.body)) as? [String: Any])
            let metrics = try #require(object["metrics"] as? [[String: Any]])
            #expect(metrics.allSatisfy { ($0["value"] as? Double)?.isFinite == true })
            metricCount += metrics.count
        }
        #expect(metricCount == measurements.count)

        let update = JSONBodyFormat.aggregatorUpdate(AggregatorUpdateFormat(commonTags: commonTags))
            .bodies(measurements, timestampMillis: 60_000, batchSize: 500)
        let rows = update.map { AggregatorUpdateFormatTests.decode($0.body) }
        #expect(rows.reduce(0) { $0 + $1.count } == measurements.count)
        #expect(rows.allSatisfy { $0.values.allSatisfy { $0.allSatisfy(\.isFinite) } })
    }

    static let badEnvironment = [
        "SPECTATOR_OUTPUT_LOCATION": "udp://[::1", "SPECTATOR_STEP": "banana", "SPECTATOR_BATCH_SIZE": "-1",
        "SPECTATOR_MAX_METERS": "lots", "SPECTATOR_METER_TTL": "-5s",
        "SPECTATOR_COMMON_TAGS": "team=pay,ments,=x,k=a:b\n,🙂=🙂",
        "NETFLIX_APP": String(repeating: "a", count: 10_000), "NETFLIX_CLUSTER": "a,b=c:d",
        "NETFLIX_PROCESS_NAME": "proc\nname", "NETFLIX_CONTAINER_NAME": "🙂e\u{301}", "EC2_REGION": "\0",
    ]

    @Test("every variable malformed at once: each reported once, defaults kept, and every output still parses")
    func environmentMatrix() throws {
        let log = LogLines()
        var configuration = SpectatorConfiguration(environment: Self.badEnvironment, log: log.sink)
        let defaults = SpectatorConfiguration(environment: [:], log: .discard)
        #expect(log.all.count == 6)
        for variable in Self.badEnvironment.keys where variable.hasPrefix("SPECTATOR_") {
            #expect(log.all.filter { $0.contains(variable + "=") }.count == 1, "\(variable)")
        }
        #expect(configuration.outputLocation == defaults.outputLocation)
        #expect(configuration.step == defaults.step && configuration.batchSize == defaults.batchSize)
        #expect(configuration.maxMeters == defaults.maxMeters && configuration.meterTTL == defaults.meterTTL)
        #expect(configuration.commonTags == ["team": "pay", "k": "a:b", "🙂": "🙂"])  // values trimmed

        // The line protocol, to memory: every line parses and carries the process tags, sanitised.
        let output = MemoryOutput()
        configuration.outputLocation = .memory(output)
        publishEverything(configuration)
        #expect(!output.lines.isEmpty)
        for line in output.lines {
            let parsed = try #require(ProtocolLine(line), "\(line)")
            #expect(parsed.tags["nf.process"] == "proc_name" && parsed.tags["nf.container"] == "_e_")
            #expect(parsed.tags["k"] == "a_b" && parsed.tags["_"] == "_" && parsed.tags["team"] == "pay")
        }

        // Atlas publish and the aggregator's update format, over HTTP: every body parses.
        let server = HTTPTestServer(answers: [.status(200, body: "{}")])
        defer { server.stop() }
        for path in ["/api/v1/publish", "/api/v4/update"] {
            configuration.outputLocation = .http(HTTPEndpoint(parsing: server.url + path)!)
            publishEverything(configuration)
            let bodies = server.takeRequests().map { Array($0.body.utf8) }
            #expect(!bodies.isEmpty)
            for body in bodies {
                if path.hasSuffix("publish") {
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
                    let common = try #require(object["tags"] as? [String: String])
                    #expect(common["nf.app"] == String(repeating: "a", count: 120))
                    #expect(common["nf.cluster"] == "a_b_c_d" && common["nf.region"] == "_")
                    #expect((object["metrics"] as? [[String: Any]])?.isEmpty == false)
                } else {
                    let rows = AggregatorUpdateFormatTests.decode(body)
                    #expect(!rows.isEmpty)
                    #expect(rows.keys.allSatisfy { $0["nf.cluster"] == "a_b_c_d" })
                }
            }
        }
    }

    /// Records bad input into every meter type of a registry made from `configuration`, and publishes.
    private func publishEverything(_ configuration: SpectatorConfiguration) {
        let registry = Registry(configuration: configuration)
        for (index, kind) in Meter.allCases.enumerated() {
            recordEverything(kind, MeterId(Self.names[index % Self.names.count] + kind.rawValue), in: registry)
        }
        let publisher = Publisher(registry: registry, configuration: configuration)
        publisher.flush()
    }

    @Test("every setting out of range in code is clamped to its documented range")
    func codeOverrides() {
        var configuration = SpectatorConfiguration(environment: [:], log: .discard)
        configuration.step = .zero
        #expect(configuration.step == .milliseconds(100))
        configuration.step = .seconds(-5)
        #expect(configuration.step == .milliseconds(100))
        configuration.step = .seconds(Int64.max)
        #expect(configuration.step == .seconds(3600))
        configuration.batchSize = -1
        #expect(configuration.batchSize == 1)
        configuration.batchSize = .max
        #expect(configuration.batchSize == 1_000_000)
        configuration.maxMeters = -5
        #expect(configuration.maxMeters == 1)
        configuration.maxMeters = .max
        #expect(configuration.maxMeters == 100_000_000)
        configuration.meterTTL = .seconds(-1)
        #expect(configuration.meterTTL == .seconds(1))
        configuration.httpTimeout = .zero
        #expect(configuration.httpTimeout == .milliseconds(1))
        configuration.httpTimeout = .seconds(Int64.max)
        #expect(configuration.httpTimeout == .seconds(3600))
    }

    static let extremeDurations: [Duration] = [
        .seconds(Int64.min), .seconds(-5), .zero, .nanoseconds(1), .milliseconds(1), .seconds(100_000),
        .seconds(Int64.max),
    ]
    static let extremeAmounts: [Int64] = [.min, -5, 0, 1, 1_000, .max]
    static let percentiles: [Double] = [.nan, .infinity, -.infinity, -5, 0, 50, 100, 150]

    @Test(
        "range:, ttl:, set(secondsSince1970:) and percentile read-back with NaN, ±∞, negative and extreme values: clamped or ignored as documented"
    )
    func parametersAddedSince() throws {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let registry = Registry(clock: clock, log: .discard)
        var expectedBuckets: [String: Double] = [:]

        // Percentile timers: every range narrowed into SpectatorD's 1 ns … 24 h, every kept duration
        // clamped into it before bucketing; negative durations ignored.
        for (index, lower) in Self.extremeDurations.enumerated() {
            for (upperIndex, upper) in Self.extremeDurations.enumerated() where upper >= lower {
                let name = "timer\(index)"
                let timer = registry.percentileTimer(name, tags: ["upper": "\(upperIndex)"], range: lower...upper)
                let bounds = PercentileTimer.bucketedRange
                let low = min(max(lower.wholeNanoseconds, bounds.lowerBound), bounds.upperBound)
                #expect(timer.range == low...min(max(upper.wholeNanoseconds, low), bounds.upperBound))
                for duration in Self.extremeDurations {
                    timer.record(duration)
                    guard duration >= .zero else { continue }
                    let bucket = PercentileBuckets.index(
                        of: min(max(duration.wholeNanoseconds, timer.range.lowerBound), timer.range.upperBound)
                    )
                    let key =
                        "\(name),percentile=\(PercentileBuckets.timerTagValues[bucket]),statistic=percentile,upper=\(upperIndex)"
                    expectedBuckets[key, default: 0] += 1
                }
            }
        }

        // Percentile summaries: any range is kept as given (there is no narrower bucketed range).
        for (index, lower) in Self.extremeAmounts.enumerated() {
            for (upperIndex, upper) in Self.extremeAmounts.enumerated() where upper >= lower {
                let name = "summary\(index)"
                let summary = registry.percentileDistributionSummary(
                    name,
                    tags: ["upper": "\(upperIndex)"],
                    range: lower...upper
                )
                #expect(summary.range == lower...upper)
                for amount in Self.amounts { summary.record(amount) }
                // Kept: greatestFiniteMagnitude (bucketed as Int64.max) and 0.
                for kept in [Int64.max, 0] {
                    let bucket = PercentileBuckets.index(of: min(max(kept, lower), upper))
                    let key =
                        "\(name),percentile=\(PercentileBuckets.distributionTagValues[bucket]),statistic=percentile,upper=\(upperIndex)"
                    expectedBuckets[key, default: 0] += 1
                }
            }
        }

        // Gauge TTLs: at least Gauge.minimumTTL; a huge one saturates instead of overflowing.
        for (index, ttl) in Self.extremeDurations.enumerated() {
            registry.gauge("ttl\(index)", ttl: ttl).set(1)
        }

        // Age gauges: NaN, ±∞, non-positive and too-late times are ignored; the last valid one stays.
        let age = registry.ageGauge("lastSuccess")
        for time in [1_600_000_000, .nan, .infinity, -.infinity, -1, 0, 9e15, .greatestFiniteMagnitude] {
            age.set(secondsSince1970: time)
        }
        #expect(age.lastSuccess == 1_600_000_000)

        let measurements = registry.collect()
        let buckets = measurements.filter { $0.percentile != nil }.values
        #expect(buckets == expectedBuckets)
        let ttls = measurements.compactMap { measurement -> Int? in
            if case .expiringGauge(let ttlSeconds) = measurement.kind { ttlSeconds } else { nil }
        }
        #expect(ttls.count == Self.extremeDurations.count)
        #expect(ttls.allSatisfy { $0 >= 5 })
        #expect(measurements.values["lastSuccess,statistic=gauge"] == 1_600_000_000)
        try expectEverythingParses(measurements)

        // Read-back: a percentile outside 0…100 is clamped into it, NaN read as 0; never a trap.
        let timer = registry.percentileTimer(
            "readBack",
            range: .seconds(-1) ... .seconds(Int64.max),
            localPercentiles: true
        )
        let summary = registry.percentileDistributionSummary(
            "readBackSummary",
            range: .min ... .max,
            localPercentiles: true
        )
        for duration in Self.extremeDurations { timer.record(duration) }
        for amount in Self.extremeAmounts { summary.record(Int(amount)) }
        _ = registry.collect()
        let topOf24HourBucket = PercentileBuckets.values[PercentileBuckets.index(of: 86_400_000_000_000)]
        for percentile in Self.percentiles {
            let clamped = percentile.isNaN ? 0 : min(max(percentile, 0), 100)
            for window in [PercentileWindow.lastStep, .sinceCreation] {
                #expect(timer.percentile(percentile, over: window) == timer.percentile(clamped, over: window))
                #expect(summary.percentile(percentile, over: window) == summary.percentile(clamped, over: window))
                let duration = try #require(timer.percentile(percentile, over: window))
                // At most the top of the bucket that holds 24 h, where every longer duration went.
                #expect(duration >= .zero && duration <= .nanoseconds(topOf24HourBucket))
                let amount = try #require(summary.percentile(percentile, over: window))
                #expect(amount.isFinite && amount >= 0)
            }
        }
    }
}
