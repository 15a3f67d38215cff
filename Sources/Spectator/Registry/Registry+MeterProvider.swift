extension Registry {
    // MARK: - Meters by tag values, the name and keys given once

    /// Counters named `name`, one per combination of values for `tagKeys`.
    ///
    /// ```swift
    /// let requests = registry.counters("server.requestCount", tagKeys: ["status", "method"])
    /// requests.withValues("200", "GET").increment()
    /// ```
    public func counters(_ name: String, tagKeys: [String]) -> MeterProvider<Counter> {
        provider(name, tagKeys)
    }

    /// Timers named `name`, one per combination of values for `tagKeys`.
    public func timers(_ name: String, tagKeys: [String]) -> MeterProvider<Timer> {
        provider(name, tagKeys)
    }

    /// Distribution summaries named `name`, one per combination of values for `tagKeys`.
    public func distributionSummaries(_ name: String, tagKeys: [String]) -> MeterProvider<DistributionSummary> {
        provider(name, tagKeys)
    }

    /// Gauges named `name`, one per combination of values for `tagKeys`.
    public func gauges(_ name: String, tagKeys: [String]) -> MeterProvider<Gauge> {
        provider(name, tagKeys)
    }

    /// Max gauges named `name`, one per combination of values for `tagKeys`.
    public func maxGauges(_ name: String, tagKeys: [String]) -> MeterProvider<MaxGauge> {
        provider(name, tagKeys)
    }

    /// Monotonic counters named `name`, one per combination of values for `tagKeys`.
    public func monotonicCounters(_ name: String, tagKeys: [String]) -> MeterProvider<MonotonicCounter> {
        provider(name, tagKeys)
    }

    /// `UInt64` monotonic counters named `name`, one per combination of values for `tagKeys`.
    public func monotonicCountersUInt64(_ name: String, tagKeys: [String]) -> MeterProvider<MonotonicCounterUInt64> {
        provider(name, tagKeys)
    }

    /// Percentile timers named `name`, one per combination of values for `tagKeys`.
    public func percentileTimers(_ name: String, tagKeys: [String]) -> MeterProvider<PercentileTimer> {
        provider(name, tagKeys)
    }

    /// Percentile distribution summaries named `name`, one per combination of values for `tagKeys`.
    public func percentileDistributionSummaries(
        _ name: String,
        tagKeys: [String]
    ) -> MeterProvider<PercentileDistributionSummary> {
        provider(name, tagKeys)
    }

    /// Age gauges named `name`, one per combination of values for `tagKeys`.
    public func ageGauges(_ name: String, tagKeys: [String]) -> MeterProvider<AgeGauge> {
        provider(name, tagKeys)
    }

    /// Long task timers named `name`, one per combination of values for `tagKeys`.
    public func longTaskTimers(_ name: String, tagKeys: [String]) -> MeterProvider<LongTaskTimer> {
        provider(name, tagKeys)
    }

    /// Distinct-count sketches named `name`, one per combination of values for `tagKeys`.
    ///
    /// ```swift
    /// let users = registry.distinctCountSketches("server.distinctUsers", tagKeys: ["endpoint"])
    /// users.withValues("/login").record(userId)
    /// ```
    public func distinctCountSketches(_ name: String, tagKeys: [String]) -> MeterProvider<DistinctCountSketch> {
        provider(name, tagKeys)
    }

    /// A provider whose misses take the registry's lookup by name and tags; a no-op meter (the
    /// registry full, or the id registered as another type) is handed out but not remembered.
    private func provider<M: RegisteredMeter>(_ name: String, _ tagKeys: [String]) -> MeterProvider<M> {
        MeterProvider(name: name, tagKeys: tagKeys) { [self] name, tags in
            let meter: M = meter(named: name, tags: tags)
            return (meter, meter !== M.noop)
        }
    }
}
