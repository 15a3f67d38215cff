/// The settings a ``SpectatorConfiguration`` reads from a source, with the name each source knows
/// them by and what a usable value looks like.
package enum Setting: Sendable {
    case outputLocation, step, batchSize, commonTags, maxMeters, meterTTL, processMetrics

    /// The environment variable: `SPECTATOR_OUTPUT_LOCATION`, …
    package var environmentVariable: String {
        switch self {
        case .outputLocation: "SPECTATOR_OUTPUT_LOCATION"
        case .step: "SPECTATOR_STEP"
        case .batchSize: "SPECTATOR_BATCH_SIZE"
        case .commonTags: "SPECTATOR_COMMON_TAGS"
        case .maxMeters: "SPECTATOR_MAX_METERS"
        case .meterTTL: "SPECTATOR_METER_TTL"
        case .processMetrics: "SPECTATOR_PROCESS_METRICS"
        }
    }

    /// The key below `spectator` in a configuration library's tree: `outputLocation`, … (the
    /// variable's words in camel case, so that an environment provider maps one onto the other).
    package var key: String {
        switch self {
        case .outputLocation: "outputLocation"
        case .step: "step"
        case .batchSize: "batchSize"
        case .commonTags: "commonTags"
        case .maxMeters: "maxMeters"
        case .meterTTL: "meterTTL"
        case .processMetrics: "processMetrics"
        }
    }

    /// What a usable value looks like, for the report of one that is not.
    var expected: String {
        typealias Configuration = SpectatorConfiguration
        return switch self {
        case .outputLocation: OutputLocation.spellings
        case .step:
            "\(DurationText.expected), from \(DurationText.text(Configuration.stepRange.lowerBound)) to "
                + DurationText.text(Configuration.stepRange.upperBound)
        case .batchSize: Self.integers(Configuration.batchSizeRange)
        case .commonTags: "key=value pairs separated by commas"
        case .maxMeters: Self.integers(Configuration.maxMetersRange)
        case .meterTTL: "\(DurationText.expected), at least \(DurationText.text(Configuration.minimumMeterTTL))"
        case .processMetrics: "true or false"
        }
    }

    private static func integers(_ range: ClosedRange<Int>) -> String {
        "an integer from \(range.lowerBound) to \(range.upperBound)"
    }
}
