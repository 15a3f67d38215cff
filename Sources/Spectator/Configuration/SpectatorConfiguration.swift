/// Everything a ``Registry`` and its ``Publisher`` can be told, with defaults, read from the
/// environment and overridable in code.
///
/// ```swift
/// var configuration = SpectatorConfiguration()            // reads SPECTATOR_* and NETFLIX_* variables
/// configuration.commonTags["team"] = "payments"
/// let registry = Registry(configuration: configuration)
/// let publisher = Publisher(registry: registry, configuration: configuration)
/// publisher.start()
/// ```
///
/// | Variable | Default | Meaning |
/// |---|---|---|
/// | `SPECTATOR_OUTPUT_LOCATION` | `udp://127.0.0.1:1234` | see ``OutputLocation`` |
/// | `SPECTATOR_STEP` | `5s` (`60s` for Atlas publish) | publish step |
/// | `SPECTATOR_BATCH_SIZE` | `10000` | measurements per HTTP request |
/// | `SPECTATOR_COMMON_TAGS` | — | `key=value,key2=value2`, added to every measurement |
/// | `SPECTATOR_MAX_METERS` | `100000` | registry cap |
/// | `SPECTATOR_METER_TTL` | `15m` | idle meter expiry |
/// | `NETFLIX_APP`, `NETFLIX_CLUSTER`, `EC2_REGION`, … | — | `nf.*` common tags |
///
/// A variable that cannot be used is reported once through ``log`` (variable, value and what is
/// expected) and the default stays. A value set in code outside its range is clamped to it. Nothing
/// in configuration can stop the service.
public struct SpectatorConfiguration: Sendable {
    /// Where measurements go, and so their wire format.
    public var outputLocation: OutputLocation = .sidecarDefault

    /// The publish step, from 100 ms to 1 h. Unless set, 60 s for an Atlas publish endpoint and 5 s
    /// for everything else.
    public var step: Duration {
        get { explicitStep ?? (outputLocation.isAtlasPublish ? .seconds(60) : .seconds(5)) }
        set { explicitStep = newValue.clamped(to: Self.stepRange) }
    }
    private var explicitStep: Duration?

    /// The most measurements per HTTP request, from 1 to 1 000 000.
    public var batchSize: Int {
        get { storedBatchSize }
        set { storedBatchSize = newValue.clamped(to: Self.batchSizeRange) }
    }
    private var storedBatchSize = 10_000

    /// Tags added to every measurement, from `SPECTATOR_COMMON_TAGS` and code. The meter's own tags
    /// win over them.
    public var commonTags: [String: String] = [:]

    /// `nf.*` tags read from `NETFLIX_*`, `EC2_*` and `TITUS_*` variables; they win over ``commonTags``.
    public var environmentTags: [String: String] = [:]

    /// The most meters the registry holds, from 1 to 100 000 000.
    public var maxMeters: Int {
        get { storedMaxMeters }
        set { storedMaxMeters = newValue.clamped(to: Self.maxMetersRange) }
    }
    private var storedMaxMeters = 100_000

    /// How long a meter nobody holds may stay idle before the registry drops it; at least 1 s.
    public var meterTTL: Duration {
        get { storedMeterTTL }
        set { storedMeterTTL = max(newValue, Self.minimumMeterTTL) }
    }
    private var storedMeterTTL: Duration = .seconds(15 * 60)

    /// How long one HTTP request may take, connection included: from 1 ms to 1 h, and never more
    /// than a step.
    public var httpTimeout: Duration {
        get { storedHTTPTimeout }
        set { storedHTTPTimeout = newValue.clamped(to: Self.httpTimeoutRange) }
    }
    private var storedHTTPTimeout: Duration = .seconds(10)

    /// Whether a ``Publisher`` made with this configuration also publishes the process's own metrics
    /// (``Registry/registerProcessMetrics()``): `SPECTATOR_PROCESS_METRICS=true`. Off by default.
    public var processMetrics = false

    /// Where the registry and the publisher report problems.
    public var log: LogSink

    /// What posts HTTP outputs. `nil` (the default): plain `http://` goes over the library's own
    /// socket transport, and `https://` cannot be sent (reported once; every step dropped). For
    /// `https://`, set `AsyncHTTPTransport()` from the `SpectatorHTTPS` product. The publisher shuts
    /// the transport down when it stops.
    public var httpTransport: (any HTTPTransport)?

    /// The environment of this process, as ``init(environment:log:)`` reads it by default.
    public static var processEnvironment: [String: String] { Platform.environment() }

    /// Reads the configuration from `environment` (by default the process environment).
    public init(
        environment: [String: String] = SpectatorConfiguration.processEnvironment,
        log: LogSink = .standardError
    ) {
        self.init(
            settings: { environment[$0.environmentVariable] },
            named: \.environmentVariable,
            environment: environment,
            log: log
        )
    }

    /// Reads each ``Setting`` as text from `settings`, which a source answers under the names that
    /// `named` gives (an environment variable, a configuration key), and the `nf.*` tags from
    /// `environment`. A setting that cannot be used is reported once, by that name, and its default
    /// stays.
    package init(
        settings: (Setting) -> String?,
        named name: (Setting) -> String,
        environment: [String: String],
        log: LogSink
    ) {
        self.log = log
        /// The parsed value of `setting`, or `nil` when it is unset or unusable (then reported).
        func value<Value>(_ setting: Setting, _ parse: (String) -> Value?) -> Value? {
            guard let text = settings(setting) else { return nil }
            if let value = parse(text) { return value }
            log(.unusableSetting(name(setting), value: text, expected: setting.expected))
            return nil
        }
        if let location = value(.outputLocation, OutputLocation.init(parsing:)) {
            outputLocation = location
        }
        explicitStep = value(.step) {
            DurationText.parse($0).flatMap { Self.stepRange.contains($0) ? $0 : nil }
        }
        if let size = value(.batchSize, { Self.integer($0, in: Self.batchSizeRange) }) {
            batchSize = size
        }
        if let count = value(.maxMeters, { Self.integer($0, in: Self.maxMetersRange) }) {
            maxMeters = count
        }
        if let ttl = value(.meterTTL, { DurationText.parse($0).flatMap { $0 >= Self.minimumMeterTTL ? $0 : nil } }) {
            meterTTL = ttl
        }
        if let enabled = value(.processMetrics, Self.boolean) {
            processMetrics = enabled
        }
        if let text = settings(.commonTags) {
            let (tags, invalid) = CommonTags.parse(text)
            commonTags = tags
            if !invalid.isEmpty {
                log(
                    .partlyUsableSetting(
                        name(.commonTags),
                        value: text,
                        kept: tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" },
                        ignored: invalid,
                        expected: Setting.commonTags.expected
                    )
                )
            }
        }
        environmentTags = CommonTags.netflixTags(in: environment)
    }

    /// The tags added to every measurement sent to ``outputLocation``: ``commonTags`` overridden by
    /// ``environmentTags``. A sidecar adds the host's `nf.*` tags itself, so line-protocol outputs
    /// get only the process-level ones (`nf.container`, `nf.process`).
    public var effectiveCommonTags: [String: String] {
        let environment =
            outputLocation.speaksLineProtocol
            ? environmentTags.filter { CommonTags.processKeys.contains($0.key) }
            : environmentTags
        return commonTags.merging(environment) { _, fromEnvironment in fromEnvironment }
    }

    static let stepRange = Duration.milliseconds(100)...Duration.seconds(3600)
    static let batchSizeRange = 1...1_000_000
    static let maxMetersRange = 1...100_000_000
    static let minimumMeterTTL = Duration.seconds(1)
    private static let httpTimeoutRange = Duration.milliseconds(1)...Duration.seconds(3600)

    /// `true`/`false` in any case, or `1`/`0`.
    private static func boolean(_ text: String) -> Bool? {
        switch text.trimmingWhitespace.lowercased() {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    private static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        Int(text.trimmingWhitespace).flatMap { range.contains($0) ? $0 : nil }
    }
}

extension Comparable {
    /// The nearest value in `range`.
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
