#if Configuration
import Configuration
import Spectator
import SpectatorConfigReader
import Synchronization
import Testing

@Suite("SpectatorConfiguration from a ConfigReader")
struct ConfigReaderTests {
    /// The configuration `values` give, and the lines it logged.
    func configuration(_ values: [AbsoluteConfigKey: ConfigValue]) -> (SpectatorConfiguration, [String]) {
        let lines = Mutex<[String]>([])
        let reader = ConfigReader(provider: InMemoryProvider(values: values))
        let configuration = SpectatorConfiguration(
            reader: reader,
            environment: [:],
            log: LogSink { line in lines.withLock { $0.append(line) } }
        )
        return (configuration, lines.withLock { $0 })
    }

    @Test("every key, as text: the values the same text gives through the environment")
    func everyKeyAsText() {
        let (configuration, log) = configuration([
            "spectator.outputLocation": "unix:///run/spectatord/spectatord.unix",
            "spectator.step": "500ms",
            "spectator.batchSize": "2500",
            "spectator.commonTags": "team=payments,tier=gold",
            "spectator.maxMeters": "2000",
            "spectator.meterTTL": "PT30M",
            "spectator.processMetrics": "true",
        ])
        #expect(configuration.outputLocation == .unix(path: "/run/spectatord/spectatord.unix"))
        #expect(configuration.step == .milliseconds(500))
        #expect(configuration.batchSize == 2500)
        #expect(configuration.commonTags == ["team": "payments", "tier": "gold"])
        #expect(configuration.maxMeters == 2000)
        #expect(configuration.meterTTL == .seconds(1800))
        #expect(configuration.processMetrics)
        #expect(log.isEmpty)
    }

    @Test("typed values, as a JSON or YAML file holds them: numbers and Booleans count as their text")
    func typedValues() {
        let (configuration, log) = configuration([
            "spectator.batchSize": .init(.int(500), isSecret: false),
            "spectator.maxMeters": .init(.int(30), isSecret: false),
            "spectator.processMetrics": .init(.bool(true), isSecret: false),
        ])
        #expect(configuration.batchSize == 500)
        #expect(configuration.maxMeters == 30)
        #expect(configuration.processMetrics)
        #expect(log.isEmpty)
    }

    @Test("nothing set: the environment's defaults")
    func defaults() {
        let (configuration, log) = configuration([:])
        let defaults = SpectatorConfiguration(environment: [:])
        #expect(configuration.outputLocation == defaults.outputLocation)
        #expect(configuration.step == defaults.step)
        #expect(configuration.batchSize == defaults.batchSize)
        #expect(configuration.maxMeters == defaults.maxMeters)
        #expect(configuration.meterTTL == defaults.meterTTL)
        #expect(configuration.processMetrics == defaults.processMetrics)
        #expect(configuration.commonTags.isEmpty)
        #expect(log.isEmpty)
    }

    @Test("an unusable value is reported once by its key, with what is expected, and the default stays")
    func unusableValues() {
        let (configuration, log) = configuration([
            "spectator.step": "banana",
            "spectator.batchSize": .init(.int(0), isSecret: false),
            "spectator.outputLocation": "tcp://x:1",
            "spectator.processMetrics": "maybe",
        ])
        #expect(configuration.step == .seconds(5))
        #expect(configuration.batchSize == 10_000)
        #expect(configuration.outputLocation == .udp(host: "127.0.0.1", port: 1234))
        #expect(!configuration.processMetrics)
        #expect(
            log.sorted() == [
                #"ignoring spectator.batchSize="0": expected an integer from 1 to 1000000; using the default"#,
                #"ignoring spectator.outputLocation="tcp://x:1": expected none, memory, stdout, console, stderr, udp, unix, udp://host:port, unix:///path, file:///path or http(s)://host/path; using the default"#,
                #"ignoring spectator.processMetrics="maybe": expected true or false; using the default"#,
                #"ignoring spectator.step="banana": expected a duration such as 500ms, 5s, 1m, 2h or PT1M, from 100ms to 1h; using the default"#,
            ]
        )
    }

    @Test("through EnvironmentVariablesProvider the keys are the SPECTATOR_* variables, with the same result")
    func environmentProvider() {
        let environment = [
            "SPECTATOR_OUTPUT_LOCATION": "udp://127.0.0.1:9999",
            "SPECTATOR_STEP": "2s",
            "SPECTATOR_BATCH_SIZE": "700",
            "SPECTATOR_COMMON_TAGS": "a=1",
            "SPECTATOR_MAX_METERS": "12",
            "SPECTATOR_METER_TTL": "1m",
            "SPECTATOR_PROCESS_METRICS": "1",
            "NETFLIX_APP": "www",
        ]
        let fromReader = SpectatorConfiguration(
            reader: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment)),
            environment: environment
        )
        let fromEnvironment = SpectatorConfiguration(environment: environment)
        #expect(fromReader.outputLocation == .udp(host: "127.0.0.1", port: 9999))
        #expect(fromReader.outputLocation == fromEnvironment.outputLocation)
        #expect(fromReader.step == .seconds(2))
        #expect(fromReader.step == fromEnvironment.step)
        #expect(fromReader.batchSize == 700)
        #expect(fromReader.batchSize == fromEnvironment.batchSize)
        #expect(fromReader.commonTags == ["a": "1"])
        #expect(fromReader.maxMeters == 12)
        #expect(fromReader.meterTTL == .seconds(60))
        #expect(fromReader.processMetrics && fromEnvironment.processMetrics)
        #expect(fromReader.environmentTags == ["nf.app": "www"])
        #expect(fromReader.environmentTags == fromEnvironment.environmentTags)
    }

    @Test("the first provider that holds a key wins, as everywhere in swift-configuration")
    func providerOrder() {
        let reader = ConfigReader(providers: [
            InMemoryProvider(values: ["spectator.step": "10s"]),
            EnvironmentVariablesProvider(environmentVariables: ["SPECTATOR_STEP": "1s", "SPECTATOR_BATCH_SIZE": "9"]),
        ])
        let configuration = SpectatorConfiguration(reader: reader, environment: [:])
        #expect(configuration.step == .seconds(10))
        #expect(configuration.batchSize == 9)
    }
}
#endif
