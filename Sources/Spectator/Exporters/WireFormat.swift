/// The wire formats a ``Publisher`` speaks, for custom transports, tools and benchmarks.
///
/// ```swift
/// for datagram in WireFormat.lineProtocol(registry.collect()) {
///     socket.send(datagram)
/// }
/// ```
public enum WireFormat {
    /// SpectatorD lines joined by `\n`, packed into datagrams of at most 60 KiB without splitting a
    /// line; a line that alone exceeds that is left out.
    public static func lineProtocol(_ measurements: [MeterMeasurement], commonTags: [String: String] = [:]) -> [[UInt8]]
    {
        LineDatagramExporter.datagrams(
            measurements,
            format: LineProtocolFormat(commonTags: CommonTags.sanitized(commonTags))
        )
        .datagrams.map(\.bytes)
    }

    /// Atlas publish JSON bodies of at most `batchSize` measurements each, deltas as rates per second
    /// of `step`, stamped `timestampMillis`; an age gauge's value is its age then.
    public static func atlasPublish(
        _ measurements: [MeterMeasurement],
        commonTags: [String: String] = [:],
        timestampMillis: Int64,
        step: Duration,
        batchSize: Int = 10_000
    ) -> [[UInt8]] {
        JSONBodyFormat.atlasPublish(AtlasPublishFormat(commonTags: CommonTags.sanitized(commonTags)), step: step)
            .bodies(measurements, timestampMillis: timestampMillis, batchSize: batchSize)
            .map(\.body)
    }

    /// atlas-aggregator update JSON bodies of at most `batchSize` measurements each. An age gauge's
    /// value is its age now.
    public static func aggregatorUpdate(
        _ measurements: [MeterMeasurement],
        commonTags: [String: String] = [:],
        batchSize: Int = 10_000
    ) -> [[UInt8]] {
        JSONBodyFormat.aggregatorUpdate(AggregatorUpdateFormat(commonTags: CommonTags.sanitized(commonTags)))
            .bodies(measurements, timestampMillis: Platform.wallTimeMillis(), batchSize: batchSize)
            .map(\.body)
    }
}
