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
        meter(named: name, runtimeTags: tagPairs)
    }

    /// The ``Gauge`` named `name` with the tags in `tagPairs`, created on first use.
    ///
    /// ```swift
    /// let tags = [(key: "pool", value: poolName)]
    /// registry.gauge("pool.size", tagPairs: tags).set(Double(size))
    /// ```
    @inlinable
    public func gauge(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Gauge {
        meter(named: name, runtimeTags: tagPairs)
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
        meter(named: name, runtimeTags: tagPairs)
    }

    /// The ``Timer`` named `name` with the tags in `tagPairs`, created on first use.
    ///
    /// ```swift
    /// registry.timer("db.queryLatency", tagPairs: tags).record(.milliseconds(3))
    /// ```
    @inlinable
    public func timer(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Timer {
        meter(named: name, runtimeTags: tagPairs)
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
        meter(named: name, runtimeTags: tagPairs)
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
        meter(named: name, runtimeTags: tagPairs)
    }

    // MARK: - Unlabeled pairs

    // `[(String, String)]`, the form most code writes, read in place: a labelled tuple has the
    // same layout as an unlabelled one, so the array's own storage is read as `(key:, value:)` pairs.
    // Passed to the generic methods above, Swift would copy the array to relabel its elements (one
    // allocation per call).

    /// The ``Counter`` named `name` with the tags in `tagPairs`, unlabeled pairs read in place.
    ///
    /// ```swift
    /// let tags = [("status", String(status)), ("method", method)]
    /// registry.counter("server.requestCount", tagPairs: tags).increment()
    /// ```
    @inlinable @inline(__always)
    public func counter(_ name: String, tagPairs: [(String, String)]) -> Counter {
        Self.withLabels(tagPairs) { meter(named: name, runtimeTags: $0) }
    }

    /// The ``Gauge`` named `name` with the tags in `tagPairs`, unlabeled pairs read in place.
    @inlinable @inline(__always)
    public func gauge(_ name: String, tagPairs: [(String, String)]) -> Gauge {
        Self.withLabels(tagPairs) { meter(named: name, runtimeTags: $0) }
    }

    /// The ``DistributionSummary`` named `name` with the tags in `tagPairs`, unlabeled pairs read in
    /// place.
    @inlinable @inline(__always)
    public func distributionSummary(_ name: String, tagPairs: [(String, String)]) -> DistributionSummary {
        Self.withLabels(tagPairs) { meter(named: name, runtimeTags: $0) }
    }

    /// The ``Timer`` named `name` with the tags in `tagPairs`, unlabeled pairs read in place.
    @inlinable @inline(__always)
    public func timer(_ name: String, tagPairs: [(String, String)]) -> Timer {
        Self.withLabels(tagPairs) { meter(named: name, runtimeTags: $0) }
    }

    /// The ``PercentileTimer`` named `name` with the tags in `tagPairs`, unlabeled pairs read in place.
    @inlinable @inline(__always)
    public func percentileTimer(_ name: String, tagPairs: [(String, String)]) -> PercentileTimer {
        Self.withLabels(tagPairs) { meter(named: name, runtimeTags: $0) }
    }

    /// The ``DistinctCountSketch`` named `name` with the tags in `tagPairs`, unlabeled pairs read in
    /// place.
    @inlinable @inline(__always)
    public func distinctCountSketch(_ name: String, tagPairs: [(String, String)]) -> DistinctCountSketch {
        Self.withLabels(tagPairs) { meter(named: name, runtimeTags: $0) }
    }

    /// Calls `body` with `pairs`' storage read as labelled pairs: no copy, no retain.
    @inlinable @inline(__always)
    static func withLabels<Result>(
        _ pairs: [(String, String)],
        _ body: (UnsafeBufferPointer<(key: String, value: String)>) -> Result
    ) -> Result {
        pairs.withUnsafeBufferPointer { $0.withMemoryRebound(to: (key: String, value: String).self, body) }
    }
}
