import Foundation
import SpectatorTestSupport
import Testing

@testable import Spectator

@Suite("SpectatorConfiguration")
struct SpectatorConfigurationTests {
    func configuration(_ environment: [String: String]) -> (SpectatorConfiguration, [String]) {
        let log = LogLines()
        return (SpectatorConfiguration(environment: environment, log: log.sink), log.all)
    }

    @Test("defaults: the sidecar's UDP port, 5 s steps, batches of 10 000, 100 000 meters, 15 min TTL")
    func defaults() {
        let (configuration, log) = configuration([:])
        #expect(configuration.outputLocation == .udp(host: "127.0.0.1", port: 1234))
        #expect(configuration.step == .seconds(5))
        #expect(configuration.batchSize == 10_000)
        #expect(configuration.maxMeters == 100_000)
        #expect(configuration.meterTTL == .seconds(900))
        #expect(configuration.commonTags.isEmpty)
        #expect(configuration.effectiveCommonTags.isEmpty)
        #expect(log.isEmpty)
    }

    @Test("every variable, valid")
    func validValues() {
        let (configuration, log) = configuration([
            "SPECTATOR_OUTPUT_LOCATION": "unix:///run/spectatord/spectatord.unix",
            "SPECTATOR_STEP": "500ms",
            "SPECTATOR_BATCH_SIZE": "2500",
            "SPECTATOR_COMMON_TAGS": "team=payments, tier = gold",
            "SPECTATOR_MAX_METERS": "2000",
            "SPECTATOR_METER_TTL": "PT30M",
        ])
        #expect(configuration.outputLocation == .unix(path: "/run/spectatord/spectatord.unix"))
        #expect(configuration.step == .milliseconds(500))
        #expect(configuration.batchSize == 2500)
        #expect(configuration.commonTags == ["team": "payments", "tier": "gold"])
        #expect(configuration.maxMeters == 2000)
        #expect(configuration.meterTTL == .seconds(1800))
        #expect(log.isEmpty)
    }

    @Test(
        "every variable, invalid: reported once with variable, value and what is expected; the default stays",
        arguments: [
            ("SPECTATOR_OUTPUT_LOCATION", "udp://[::1"), ("SPECTATOR_OUTPUT_LOCATION", "udp://host"),
            ("SPECTATOR_OUTPUT_LOCATION", "udp://127.0.0.1:70000"), ("SPECTATOR_OUTPUT_LOCATION", "tcp://x:1"),
            ("SPECTATOR_OUTPUT_LOCATION", "unix://relative"), ("SPECTATOR_OUTPUT_LOCATION", ""),
            ("SPECTATOR_STEP", "banana"), ("SPECTATOR_STEP", "0s"), ("SPECTATOR_STEP", "2h"), ("SPECTATOR_STEP", "-5s"),
            ("SPECTATOR_BATCH_SIZE", "-1"), ("SPECTATOR_BATCH_SIZE", "0"), ("SPECTATOR_BATCH_SIZE", "1e4"),
            ("SPECTATOR_MAX_METERS", "lots"), ("SPECTATOR_MAX_METERS", "99999999999999999999"),
            ("SPECTATOR_METER_TTL", "forever"), ("SPECTATOR_METER_TTL", "10ms"),
        ]
    )
    func invalidValues(variable: String, value: String) {
        let (configuration, log) = configuration([variable: value])
        let (defaults, _) = self.configuration([:])
        #expect(log.count == 1)
        #expect(log.first?.contains(variable) == true)
        #expect(log.first?.contains(value.debugDescription) == true)
        #expect(log.first?.contains("expected") == true)
        #expect(configuration.outputLocation == defaults.outputLocation)
        #expect(configuration.step == defaults.step)
        #expect(configuration.batchSize == defaults.batchSize)
        #expect(configuration.maxMeters == defaults.maxMeters)
        #expect(configuration.meterTTL == defaults.meterTTL)
    }

    @Test("malformed common tags are reported with exactly what was kept and what was ignored")
    func malformedCommonTags() {
        let (configuration, log) = configuration(["SPECTATOR_COMMON_TAGS": "c=3,novalue,=x,b=,a=1,,"])
        #expect(configuration.commonTags == ["a": "1", "c": "3"])
        #expect(
            log == [
                #"SPECTATOR_COMMON_TAGS="c=3,novalue,=x,b=,a=1,,": kept a=1,c=3; ignoring "novalue", "=x", "b=": expected key=value pairs separated by commas"#
            ]
        )
        let nothingKept = self.configuration(["SPECTATOR_COMMON_TAGS": "x,,y"]).1
        #expect(nothingKept.first?.contains(#": kept nothing; ignoring "x", "y""#) == true)
    }

    @Test("an unusable setting reaches a structured sink as a fixed message with variable, value and expectation")
    func structuredEvent() {
        let events = Locked<[LogSink.Event]>([])
        _ = SpectatorConfiguration(
            environment: ["SPECTATOR_STEP": "banana", "SPECTATOR_COMMON_TAGS": "a=b,,c"],
            log: .events { event in events.withLock { $0.append(event) } }
        )
        let reported = events.withLock { $0 }
        #expect(reported.count == 2)
        #expect(reported.allSatisfy { $0.level == .warning })
        #expect(reported[0].message == "ignoring a setting that cannot be used; the default stays")
        #expect(reported[0].metadata.map(\.key) == ["variable", "value", "expected"])
        #expect(reported[0].metadata.map(\.value).prefix(2) == ["SPECTATOR_STEP", "banana"])
        #expect(reported[1].metadata.map(\.key) == ["variable", "value", "kept", "ignored", "expected"])
        #expect(reported[1].metadata.map(\.value).prefix(4) == ["SPECTATOR_COMMON_TAGS", "a=b,,c", "a=b", "c"])
    }

    @Test("durations: milliseconds, seconds, minutes, hours and ISO-8601")
    func durations() {
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(DurationText.parse("2m") == .seconds(120))
        #expect(DurationText.parse("1h") == .seconds(3600))
        #expect(DurationText.parse("PT1M30S") == .seconds(90))
        #expect(DurationText.parse("pt0.5s") == .milliseconds(500))
        #expect(DurationText.parse("5") == nil)
        #expect(DurationText.parse("PT") == nil)
        #expect(DurationText.parse("PT5") == nil)
        #expect(DurationText.parse("1e400s") == nil)
    }

    @Test("an Atlas publish endpoint defaults to 60 s steps; the aggregator and sidecars to 5 s")
    func stepDefaults() {
        #expect(
            configuration(["SPECTATOR_OUTPUT_LOCATION": "http://localhost:7101/api/v1/publish"]).0.step == .seconds(60)
        )
        #expect(
            configuration(["SPECTATOR_OUTPUT_LOCATION": "http://localhost:7101/api/v4/update"]).0.step == .seconds(5)
        )
        #expect(configuration(["SPECTATOR_OUTPUT_LOCATION": "stdout"]).0.step == .seconds(5))
        var explicit = configuration(["SPECTATOR_OUTPUT_LOCATION": "http://localhost:7101/api/v1/publish"]).0
        explicit.step = .seconds(10)
        #expect(explicit.step == .seconds(10))
    }

    @Test("nf.* tags from NETFLIX_*, EC2_* and TITUS_* variables, trimmed, first variable wins")
    func netflixTags() {
        let environment = [
            "NETFLIX_APP": " api ", "NETFLIX_CLUSTER": "api-main", "NETFLIX_AUTO_SCALE_GROUP": "api-main-v001",
            "EC2_OWNER_ID": "123", "EC2_AMI_ID": "ami-1", "TITUS_CONTAINER_NAME": "main", "NETFLIX_INSTANCE_ID": "i-1",
            "EC2_INSTANCE_ID": "i-2", "NETFLIX_PROCESS_NAME": "server", "EC2_REGION": "us-east-1",
            "NETFLIX_SHARD1": "s1", "NETFLIX_SHARD2": "s2", "NETFLIX_STACK": "prod", "EC2_INSTANCE_TYPE": "m5.large",
            "EC2_AVAILABILITY_ZONE": "us-east-1a", "NETFLIX_REGION": "  ",
            "SPECTATOR_COMMON_TAGS": "nf.app=overridden,team=payments",
        ]
        var (configuration, _) = configuration(environment)
        #expect(
            configuration.environmentTags == [
                "nf.app": "api", "nf.cluster": "api-main", "nf.asg": "api-main-v001", "nf.account": "123",
                "nf.ami": "ami-1", "nf.container": "main", "nf.node": "i-1", "nf.process": "server",
                "nf.region": "us-east-1", "nf.shard1": "s1", "nf.shard2": "s2", "nf.stack": "prod",
                "nf.vmtype": "m5.large", "nf.zone": "us-east-1a",
            ]
        )
        // A sidecar adds host tags itself: line-protocol outputs carry only the process's.
        #expect(
            configuration.effectiveCommonTags == [
                "team": "payments", "nf.app": "overridden", "nf.container": "main", "nf.process": "server",
            ]
        )
        configuration.outputLocation = .http(HTTPEndpoint(parsing: "http://localhost:7101/api/v1/publish")!)
        #expect(configuration.effectiveCommonTags["nf.app"] == "api")
        #expect(configuration.effectiveCommonTags["team"] == "payments")
        #expect(configuration.effectiveCommonTags.count == 15)
    }

    @Test("a registry takes its cap and TTL from the configuration")
    func registryFromConfiguration() {
        var (configuration, _) = configuration(["SPECTATOR_MAX_METERS": "2"])
        configuration.log = .discard
        let registry = Registry(configuration: configuration)
        for index in 0..<3 { registry.counter("c\(index)").increment() }
        #expect(registry.size == 2)
        #expect(registry.refusedMeterCount == 1)
    }
}
