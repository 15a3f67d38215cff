#if Configuration
public import Configuration
public import Spectator

extension SpectatorConfiguration {
    /// Reads the configuration through swift-configuration: the keys below `spectator` in `reader`,
    /// and the `nf.*` common tags from `environment` (the `NETFLIX_*` variables the platform sets).
    ///
    /// | Key | Environment variable, through `EnvironmentVariablesProvider` |
    /// |---|---|
    /// | `spectator.outputLocation` | `SPECTATOR_OUTPUT_LOCATION` |
    /// | `spectator.step` | `SPECTATOR_STEP` |
    /// | `spectator.batchSize` | `SPECTATOR_BATCH_SIZE` |
    /// | `spectator.commonTags` | `SPECTATOR_COMMON_TAGS` |
    /// | `spectator.maxMeters` | `SPECTATOR_MAX_METERS` |
    /// | `spectator.meterTTL` | `SPECTATOR_METER_TTL` |
    /// | `spectator.processMetrics` | `SPECTATOR_PROCESS_METRICS` |
    ///
    /// Values and defaults are those of `init(environment:log:)`; a number or a Boolean from a
    /// typed source (JSON, YAML) counts as its text. A value that cannot be used is reported once
    /// through `log`, by its key, and the default stays.
    ///
    /// ```swift
    /// let config = ConfigReader(providers: [
    ///     EnvironmentVariablesProvider(),
    ///     InMemoryProvider(values: ["spectator.step": "10s"]),
    /// ])
    /// let configuration = SpectatorConfiguration(reader: config)
    /// ```
    public init(
        reader: ConfigReader,
        environment: [String: String] = SpectatorConfiguration.processEnvironment,
        log: LogSink = .standardError
    ) {
        let spectator = reader.scoped(to: "spectator")
        self.init(
            settings: { Self.text(of: $0, in: spectator) },
            named: { "spectator.\($0.key)" },
            environment: environment,
            log: log
        )
    }

    /// The value of `setting` as text: a string as it is, a typed number or Boolean as it prints.
    private static func text(of setting: Setting, in reader: ConfigReader) -> String? {
        let key = ConfigKey(setting.key)
        return reader.string(forKey: key)
            ?? reader.int(forKey: key).map(String.init)
            ?? reader.bool(forKey: key).map(String.init)
            ?? reader.double(forKey: key).map { String($0) }
    }
}
#endif
