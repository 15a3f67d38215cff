extension Registry {
    // Lookups by a name and tags held in a collection built at run time (an array of pairs, a
    // dictionary): the same warm path as `counter(_:tags:)`, which finds an existing meter without
    // building a `MeterId` or copying a string.

    /// The ``Counter`` named `name` with the tags in `tagPairs`, created on first use: for tags that
    /// are only known at run time, such as a dictionary or an array built per request.
    ///
    /// ```swift
    /// let tags: [(key: String, value: String)] = [("status", String(status)), ("method", method)]
    /// registry.counter("server.requestCount", tagPairs: tags).increment()
    /// ```
    ///
    /// Tags are sorted by key, and a duplicate key keeps its last value, as for ``MeterId``. When the
    /// tag keys are fixed and only the values vary, ``counters(_:tagKeys:)`` is cheaper.
    @inlinable
    public func counter(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Counter {
        meter(name, tagPairs: tagPairs)
    }

    /// The ``Gauge`` named `name` with the tags in `tagPairs`, created on first use.
    ///
    /// ```swift
    /// registry.gauge("pool.size", tagPairs: ["pool": poolName]).set(Double(size))
    /// ```
    @inlinable
    public func gauge(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Gauge {
        meter(name, tagPairs: tagPairs)
    }

    /// The ``DistributionSummary`` named `name` with the tags in `tagPairs`, created on first use.
    ///
    /// ```swift
    /// registry.distributionSummary("server.responseSize", tagPairs: tags).record(bytes)
    /// ```
    @inlinable
    public func distributionSummary(
        _ name: String,
        tagPairs: some Collection<(key: String, value: String)>
    ) -> DistributionSummary {
        meter(name, tagPairs: tagPairs)
    }

    /// The ``Timer`` named `name` with the tags in `tagPairs`, created on first use.
    ///
    /// ```swift
    /// registry.timer("db.queryLatency", tagPairs: tags).record(.milliseconds(3))
    /// ```
    @inlinable
    public func timer(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Timer {
        meter(name, tagPairs: tagPairs)
    }

    /// The ``PercentileTimer`` named `name` with the tags in `tagPairs`, created on first use (with
    /// the default range and no local percentiles).
    ///
    /// ```swift
    /// registry.percentileTimer("server.requestLatency", tagPairs: tags).record(.milliseconds(42))
    /// ```
    @inlinable
    public func percentileTimer(
        _ name: String,
        tagPairs: some Collection<(key: String, value: String)>
    ) -> PercentileTimer {
        meter(name, tagPairs: tagPairs)
    }

    /// The ``DistinctCountSketch`` named `name` with the tags in `tagPairs`, created on first use.
    ///
    /// ```swift
    /// registry.distinctCountSketch("server.distinctUsers", tagPairs: tags).record(userId)
    /// ```
    @inlinable
    public func distinctCountSketch(
        _ name: String,
        tagPairs: some Collection<(key: String, value: String)>
    ) -> DistinctCountSketch {
        meter(name, tagPairs: tagPairs)
    }
}
