/// The names of the publisher's own measurements: written by ``SelfMetrics``, read back by the
/// console view's last line.
enum SelfMetricName {
    /// `spectator.measurements{id=sent}` and `{id=dropped,error=<reason>}`.
    static let measurements = "spectator.measurements"
    /// The meters the registry holds.
    static let registrySize = "spectator.registrySize"
    /// Requests for new meters the registry's cap refused.
    static let refusedMeters = "spectator.refusedMeters"
}
