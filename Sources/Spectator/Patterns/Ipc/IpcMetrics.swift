/// Records Common IPC metrics — the names and tags every Netflix service reports its calls under,
/// which Atlas's standard dashboards, alerts and SLO views read — for the calls a service serves and
/// makes.
///
/// ```swift
/// let ipc = IpcMetrics(registry: registry, owner: "my-service")
/// var call = ipc.startServerCall(httpMethod: "GET")
/// call.endpoint = "/users/:id"
/// call.finish(httpStatus: 200, responseBytes: 512)
/// ```
///
/// A call records, at its start, `ipc.server.inflight` (or `ipc.client.inflight`): a distribution
/// summary of how many of its series' calls are in flight, this one included. At its finish it
/// records `ipc.server.call` (or `ipc.client.call`), a percentile timer bucketed over 10 ms – 1 min,
/// and, for a body whose length is known, `ipc.server.call.size.inbound` / `.outbound`. The tags are
/// the family's: `owner` always, `ipc.result` and `ipc.status` (the result always derived from the
/// status), `ipc.endpoint` (`unknown` when none is given), `http.method` in lower case,
/// `http.status` for a code of 100…599, and the optional ones given.
///
/// Every free-text value (endpoint, method, status detail, the peer's app, cluster and server group,
/// VIP, id, protocol) passes through a ``RollupLimiter`` of its own key: once a key has seen more
/// than its limit of distinct values (25 unless `cardinalityLimits` says otherwise, as spectator-java's
/// `IpcLogger`), all its values become `--auto-rollup--`, so a flood of raw paths cannot explode the
/// series, and every call is still counted.
///
/// A call on a series seen before allocates nothing and takes no lock.
public final class IpcMetrics: Sendable {
    /// The limit each free-text tag key has unless `cardinalityLimits` gives it another.
    public static let defaultCardinalityLimit = 25
    /// The endpoint limit of the frameworks' middlewares: their endpoints are route patterns, a closed
    /// set fixed by the code, so a service with more than 25 routes keeps them all.
    package static let routePatternLimit = 1_000
    /// The largest limit a tag key takes here; a larger one is lowered to it.
    public static let maximumCardinalityLimit = 65_534
    /// The range the call timers bucket durations into, as spectator-java's builder does.
    public static let callTimerRange: ClosedRange<Duration> = .milliseconds(10) ... .seconds(60)

    /// The `owner` tag of every metric recorded here.
    public let owner: String
    let registry: Registry
    /// The clock calls are timed by.
    private let clock: any SpectatorClock
    /// Whether `clock` is the system's, read without a call through the protocol.
    private let isSystemClock: Bool

    let endpoints: RollupLimiter
    let httpMethods: RollupLimiter
    let statusDetails: RollupLimiter
    let peerApps: RollupLimiter
    let peerClusters: RollupLimiter
    let peerAsgs: RollupLimiter
    let vips: RollupLimiter
    let ids: RollupLimiter
    let protocols: RollupLimiter

    let serverCalls = IpcSeriesTable<IpcCallSeries>()
    let clientCalls = IpcSeriesTable<IpcCallSeries>()
    let serverInflight = IpcSeriesTable<IpcInflightSeries>()
    let clientInflight = IpcSeriesTable<IpcInflightSeries>()
    private let serverOverflow: IpcInflightSeries
    private let clientOverflow: IpcInflightSeries

    /// Creates the recorder of one owner's calls.
    ///
    /// - Parameters:
    ///   - registry: where the meters live.
    ///   - owner: the library or integration that records (the `owner` tag).
    ///   - cardinalityLimits: limits by tag key (``IpcTagKey``) for the keys that should not have
    ///     ``defaultCardinalityLimit``; for a peer's app, cluster and server group, give the server's
    ///     keys (`ipc.client.app`, …) or the client's (`ipc.server.app`, …): either sets both sides.
    ///   - clock: the monotonic clock calls are timed by; inject a ``ManualClock`` in tests.
    public init(
        registry: Registry,
        owner: String,
        cardinalityLimits: [String: Int] = [:],
        clock: any SpectatorClock = SystemClock()
    ) {
        self.registry = registry
        self.owner = owner
        let ownerOnly = [(key: IpcTagKey.owner, value: owner)]
        serverOverflow = IpcInflightSeries(
            key: IpcSeriesKey(),
            hash: 0,
            summary: registry.distributionSummary(MeterId("ipc.server.inflight", tagPairs: ownerOnly))
        )
        clientOverflow = IpcInflightSeries(
            key: IpcSeriesKey(),
            hash: 0,
            summary: registry.distributionSummary(MeterId("ipc.client.inflight", tagPairs: ownerOnly))
        )
        self.clock = clock
        isSystemClock = clock is SystemClock
        func limiter(_ keys: String...) -> RollupLimiter {
            let limit = keys.lazy.compactMap { cardinalityLimits[$0] }.first ?? Self.defaultCardinalityLimit
            return CardinalityLimiters.rollup(min(limit, Self.maximumCardinalityLimit))
        }
        endpoints = limiter(IpcTagKey.endpoint)
        httpMethods = limiter(IpcTagKey.httpMethod)
        statusDetails = limiter(IpcTagKey.statusDetail)
        peerApps = limiter(IpcTagKey.clientApp, IpcTagKey.serverApp)
        peerClusters = limiter(IpcTagKey.clientCluster, IpcTagKey.serverCluster)
        peerAsgs = limiter(IpcTagKey.clientAsg, IpcTagKey.serverAsg)
        vips = limiter(IpcTagKey.vip)
        ids = limiter(IpcTagKey.id)
        protocols = limiter(IpcTagKey.protocol)
    }

    /// Starts a call this service serves, and records it in flight.
    ///
    /// ```swift
    /// var call = ipc.startServerCall(endpoint: "/users/:id", httpMethod: "GET", protocol: .http1)
    /// call.finish(httpStatus: 200)
    /// ```
    ///
    /// Values left empty leave their tag out; an empty `endpoint` (here or set later through
    /// ``IpcCall/endpoint``) is published as `unknown`.
    public func startServerCall(
        endpoint: String = "",
        httpMethod: String = "",
        protocol: IpcProtocol? = nil,
        clientApp: String = "",
        clientCluster: String = "",
        clientAsg: String = "",
        vip: String = "",
        id: String = "",
        failureInjected: IpcFailureInjection? = nil
    ) -> IpcCall {
        let key = key(
            endpoint: endpoint,
            httpMethod: httpMethod,
            protocol: `protocol`,
            peer: (clientApp, clientCluster, clientAsg),
            vip: vip,
            id: id,
            failureInjected: failureInjected
        )
        return IpcCall(metrics: self, isServer: true, key: key)
    }

    /// Starts a call this service makes, and records it in flight.
    ///
    /// ```swift
    /// let call = ipc.startClientCall(endpoint: "getUser", httpMethod: "GET", serverApp: "users", attempt: 2)
    /// call.finish(error: .timeout, statusDetail: "read_timeout")
    /// ```
    ///
    /// `attempt` is 1 for the first try, 2 for the first retry, and so on; `isFinalAttempt` says
    /// whether the caller will retry no more. `endpoint` is the caller's name for the route, never the
    /// raw URL.
    public func startClientCall(
        endpoint: String = "",
        httpMethod: String = "",
        protocol: IpcProtocol? = nil,
        serverApp: String = "",
        serverCluster: String = "",
        serverAsg: String = "",
        vip: String = "",
        id: String = "",
        attempt: Int = 1,
        isFinalAttempt: Bool = true,
        failureInjected: IpcFailureInjection? = nil
    ) -> IpcCall {
        var key = key(
            endpoint: endpoint,
            httpMethod: httpMethod,
            protocol: `protocol`,
            peer: (serverApp, serverCluster, serverAsg),
            vip: vip,
            id: id,
            failureInjected: failureInjected
        )
        key[.attempt] = IpcAttempt(attemptNumber: attempt).index + 1
        key[.attemptFinal] = isFinalAttempt ? 1 : 2
        return IpcCall(metrics: self, isServer: false, key: key)
    }

    /// The key of a call started with these values, each free-text one through its key's limiter.
    @inline(__always)
    private func key(
        endpoint: String,
        httpMethod: String,
        protocol: IpcProtocol?,
        peer: (app: String, cluster: String, asg: String),
        vip: String,
        id: String,
        failureInjected: IpcFailureInjection?
    ) -> IpcSeriesKey {
        var key = IpcSeriesKey()
        if !endpoint.isEmpty { key[.endpoint] = endpoints.ordinal(endpoint) }
        if !httpMethod.isEmpty { key[.httpMethod] = httpMethods.ordinal(httpMethod) }
        if let `protocol` { key[.protocol] = ordinal(`protocol`.rawValue, protocols) }
        // The peer, VIP and id are given together or not at all, mostly not.
        if !(peer.app.isEmpty && peer.cluster.isEmpty && peer.asg.isEmpty && vip.isEmpty && id.isEmpty) {
            key[.peerApp] = ordinal(peer.app, peerApps)
            key[.peerCluster] = ordinal(peer.cluster, peerClusters)
            key[.peerAsg] = ordinal(peer.asg, peerAsgs)
            key[.vip] = ordinal(vip, vips)
            key[.id] = ordinal(id, ids)
        }
        if let failureInjected { key[.failureInjected] = failureInjected.index + 1 }
        return key
    }

    /// The monotonic time calls are timed by, in nanoseconds.
    @inline(__always)
    func monotonicNanos() -> Int64 {
        isSystemClock ? Platform.monotonicNanos() : clock.monotonicNanos()
    }

    /// The ordinal `limiter` gives `value`; 0 for an empty value (its tag is left out).
    @inline(__always)
    func ordinal(_ value: String, _ limiter: RollupLimiter) -> Int {
        value.isEmpty ? 0 : limiter.ordinal(value)
    }

    /// The value `ordinal` stands for with `limiter`; empty for 0.
    func value(_ ordinal: Int, _ limiter: RollupLimiter) -> String {
        ordinal == 0 ? "" : limiter.value(forOrdinal: ordinal)
    }

    // MARK: Series

    /// Calls `body` with the call series of `key` on this side, made on first use.
    @inline(__always)
    func withCallSeries(_ key: IpcSeriesKey, isServer: Bool, _ body: (IpcCallSeries) -> Void) {
        // Each table named directly: a choice between the two would retain the one chosen.
        if isServer {
            serverCalls.withEntry(key, make: { makeCallSeries(key, hash: $0, isServer: true) }, body)
        } else {
            clientCalls.withEntry(key, make: { makeCallSeries(key, hash: $0, isServer: false) }, body)
        }
    }

    private func makeCallSeries(_ key: IpcSeriesKey, hash: UInt64, isServer: Bool) -> IpcCallSeries {
        let tags = callTags(key, isServer: isServer)
        let name = isServer ? "ipc.server.call" : "ipc.client.call"
        let timer = registry.percentileTimer(MeterId(name, tagPairs: tags), range: Self.callTimerRange)
        let registry = registry
        return IpcCallSeries(key: key, hash: hash, timer: timer) { outbound in
            registry.distributionSummary(
                MeterId(name + (outbound ? ".size.outbound" : ".size.inbound"), tagPairs: tags)
            )
        }
    }

    /// The in-flight series of `key` on this side, made on first use and held by this object (past
    /// 4 096 in-flight series, the owner's series without other tags stands in).
    func inflightSeries(_ key: IpcSeriesKey, isServer: Bool) -> Unmanaged<IpcInflightSeries> {
        // Each table named directly: a choice between the two would retain the one chosen.
        isServer
            ? serverInflight.find(key, overflow: serverOverflow) { makeInflightSeries(key, hash: $0, isServer: true) }
            : clientInflight.find(key, overflow: clientOverflow) { makeInflightSeries(key, hash: $0, isServer: false) }
    }

    private func makeInflightSeries(_ key: IpcSeriesKey, hash: UInt64, isServer: Bool) -> IpcInflightSeries {
        var tags = [(key: IpcTagKey.owner, value: owner)]
        // An endpoint known only once routing is done is no part of the in-flight series.
        if key[.endpoint] != 0 { tags.append((IpcTagKey.endpoint, value(key[.endpoint], endpoints))) }
        add(key, isServer: isServer, to: &tags)
        let name = isServer ? "ipc.server.inflight" : "ipc.client.inflight"
        return IpcInflightSeries(
            key: key,
            hash: hash,
            summary: registry.distributionSummary(MeterId(name, tagPairs: tags))
        )
    }

    /// A call series' tags, in the order spectator-java's `IpcMetric` lists them.
    func callTags(_ key: IpcSeriesKey, isServer: Bool) -> [(key: String, value: String)] {
        var tags = [
            (key: IpcTagKey.owner, value: owner),
            (key: IpcTagKey.result, value: key.status.result.rawValue),
            (key: IpcTagKey.status, value: key.status.rawValue),
        ]
        if key[.attempt] != 0 {
            tags.append((IpcTagKey.attempt, IpcAttempt.allCases[key[.attempt] - 1].rawValue))
            tags.append((IpcTagKey.attemptFinal, IpcAttemptFinal(isFinal: key[.attemptFinal] == 1).rawValue))
        }
        let endpoint = value(key[.endpoint], endpoints)
        tags.append((IpcTagKey.endpoint, endpoint.isEmpty ? "unknown" : endpoint))
        add(key, isServer: isServer, to: &tags)
        let method = value(key[.httpMethod], httpMethods)
        if !method.isEmpty {
            tags.append((IpcTagKey.httpMethod, method == CardinalityLimiters.autoRollup ? method : method.lowercased()))
        }
        if key[.httpStatus] != 0 { tags.append((IpcTagKey.httpStatus, String(key[.httpStatus]))) }
        let detail = value(key[.statusDetail], statusDetails)
        if !detail.isEmpty { tags.append((IpcTagKey.statusDetail, detail)) }
        if key[.failureInjected] != 0 {
            tags.append((IpcTagKey.failureInjected, IpcFailureInjection.allCases[key[.failureInjected] - 1].rawValue))
        }
        return tags
    }

    /// The tags a call and its in-flight series share, but the endpoint.
    private func add(_ key: IpcSeriesKey, isServer: Bool, to tags: inout [(key: String, value: String)]) {
        let peer =
            isServer
            ? (IpcTagKey.clientApp, IpcTagKey.clientCluster, IpcTagKey.clientAsg)
            : (IpcTagKey.serverApp, IpcTagKey.serverCluster, IpcTagKey.serverAsg)
        let shared = [
            (peer.0, value(key[.peerApp], peerApps)), (peer.1, value(key[.peerCluster], peerClusters)),
            (peer.2, value(key[.peerAsg], peerAsgs)), (IpcTagKey.vip, value(key[.vip], vips)),
            (IpcTagKey.id, value(key[.id], ids)), (IpcTagKey.protocol, value(key[.protocol], protocols)),
        ]
        for (tagKey, value) in shared where !value.isEmpty {
            tags.append((tagKey, value))
        }
    }
}
