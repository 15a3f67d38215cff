extension Registry {
    /// Publishes the process's own metrics with every step, under the names the other Spectator
    /// clients' runtime collectors use: open descriptors and their limit (`fh.allocated`, `fh.max`),
    /// CPU time (`swift.resource.time`), page faults, context switches and block operations
    /// (`swift.resource.*`), resident and virtual memory (`swift.memory.*`), the C allocator's bytes in
    /// use (`swift.malloc.inUse`), threads (`swift.threads`) and uptime (`swift.process.uptime`).
    ///
    /// ```swift
    /// let registry = Registry()
    /// registry.registerProcessMetrics()
    /// ```
    ///
    /// They are polled meters: sampled at each collection, on the collecting (publisher's) thread, all
    /// sources read once per collection. Running totals (CPU time, faults, switches, block operations)
    /// publish their growth per step, from the second collection on; the rest their current value. A
    /// source the system does not give leaves its meters out and is logged once. Calling this again
    /// changes nothing. `SPECTATOR_PROCESS_METRICS=true` has a ``Publisher`` call it.
    public func registerProcessMetrics() {
        let sampler = ProcessSampler(log: log)
        for metric in ProcessMetric.allCases {
            let (name, tags) = metric.id
            let reading: PolledMeter.Reading = metric.isCumulative ? .monotonicCounter : .gauge
            let _: PolledMeter = meter(named: name, tags: tags) { id, _ in
                PolledMeter(id: id, reading: reading) { sampler.value(of: metric) ?? .nan }
            }
        }
    }
}
