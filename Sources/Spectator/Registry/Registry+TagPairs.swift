extension Registry {
    // Lookups by a name and tags built at run time, for the integrations in this package
    // (swift-metrics hands its dimensions over as an array): the warm path of `counter(_:tags:)`,
    // which finds an existing meter without building a `MeterId`.

    @inlinable
    package func counter(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Counter {
        meter(name, tagPairs)
    }

    @inlinable
    package func gauge(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Gauge {
        meter(name, tagPairs)
    }

    @inlinable
    package func distributionSummary(
        _ name: String,
        tagPairs: some Collection<(key: String, value: String)>
    ) -> DistributionSummary {
        meter(name, tagPairs)
    }

    @inlinable
    package func timer(_ name: String, tagPairs: some Collection<(key: String, value: String)>) -> Timer {
        meter(name, tagPairs)
    }

    @inlinable
    package func percentileTimer(
        _ name: String,
        tagPairs: some Collection<(key: String, value: String)>
    ) -> PercentileTimer {
        meter(name, tagPairs)
    }
}
