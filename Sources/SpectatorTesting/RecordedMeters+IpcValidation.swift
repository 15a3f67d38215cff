public import Spectator

/// A way a series breaks the Common IPC metrics rules, found by ``RecordedMeters/ipcViolations(strict:)``.
public struct IpcViolation: Sendable, Equatable, CustomStringConvertible {
    /// The series it was found on.
    public let id: MeterId
    /// What is wrong, e.g. `required key ipc.status is missing`.
    public let problem: String

    public var description: String { "\(id): \(problem)" }
}

extension RecordedMeters {
    /// The Common IPC metrics among the meters read, checked against the family's rules
    /// (spectator-java's `IpcMetric.validate`): each `ipc.server.call`, `ipc.client.call`, their size
    /// summaries and the in-flight summaries must be of their meter type, carry every required key,
    /// hold allowed values in `ipc.result`, `ipc.status`, `ipc.attempt`, `ipc.attempt.final` and
    /// `ipc.failure.injected`, and say `ipc.result=success` exactly when `ipc.status=success`. When
    /// `strict`, a key beyond the metric's required and optional ones is a violation too.
    ///
    /// ```swift
    /// let recorded = RecordedMeters(registry)
    /// try await serve(request)
    /// #expect(recorded.ipcViolations().isEmpty)
    /// ```
    ///
    /// Reads the registry's newest step as every read does; an empty answer means compliant (or no IPC
    /// metric read).
    public func ipcViolations(strict: Bool = true) -> [IpcViolation] {
        readAll().sorted { "\($0.key)" < "\($1.key)" }.flatMap { id, meter in
            IpcRules(id.name).map { $0.violations(of: id, type: meter.type, strict: strict) } ?? []
        }
    }
}

/// The rules of one IPC metric.
private struct IpcRules {
    let type: MeterReading.MeterType
    let required: [String]
    let optional: Set<String>

    /// The rules of the metric `name`, if it is one.
    init?(_ name: String) {
        let callKeys = [IpcTagKey.owner, IpcTagKey.result, IpcTagKey.status]
        let shared: Set = [
            IpcTagKey.endpoint, IpcTagKey.failureInjected, IpcTagKey.httpMethod, IpcTagKey.httpStatus, IpcTagKey.id,
            IpcTagKey.protocol, IpcTagKey.statusDetail, IpcTagKey.vip,
        ]
        let clients: Set = [IpcTagKey.clientApp, IpcTagKey.clientCluster, IpcTagKey.clientAsg]
        let servers: Set = [IpcTagKey.serverApp, IpcTagKey.serverCluster, IpcTagKey.serverAsg]
        let inflight: Set = [IpcTagKey.endpoint, IpcTagKey.id, IpcTagKey.protocol, IpcTagKey.vip]
        switch name {
        case "ipc.server.call":
            self.init(type: .timer, required: callKeys, optional: shared.union(clients))
        case "ipc.server.call.size.inbound", "ipc.server.call.size.outbound":
            self.init(type: .distributionSummary, required: callKeys, optional: shared.union(clients))
        case "ipc.client.call":
            self.init(
                type: .timer,
                required: callKeys + [IpcTagKey.attempt, IpcTagKey.attemptFinal],
                optional: shared.union(servers)
            )
        case "ipc.client.call.size.inbound", "ipc.client.call.size.outbound":
            self.init(
                type: .distributionSummary,
                required: callKeys + [IpcTagKey.attempt, IpcTagKey.attemptFinal],
                optional: shared.union(servers)
            )
        case "ipc.server.inflight":
            self.init(type: .distributionSummary, required: [IpcTagKey.owner], optional: inflight.union(clients))
        case "ipc.client.inflight":
            self.init(type: .distributionSummary, required: [IpcTagKey.owner], optional: inflight.union(servers))
        default:
            return nil
        }
    }

    private init(type: MeterReading.MeterType, required: [String], optional: Set<String>) {
        self.type = type
        self.required = required
        self.optional = optional
    }

    /// The values each checked key may hold.
    static let allowed: [String: Set<String>] = [
        IpcTagKey.result: Set(IpcResult.allCases.map(\.rawValue)),
        IpcTagKey.status: Set(IpcStatus.allCases.map(\.rawValue)),
        IpcTagKey.attempt: Set(IpcAttempt.allCases.map(\.rawValue)),
        IpcTagKey.attemptFinal: Set(IpcAttemptFinal.allCases.map(\.rawValue)),
        IpcTagKey.failureInjected: Set(IpcFailureInjection.allCases.map(\.rawValue)),
    ]

    func violations(of id: MeterId, type actual: MeterReading.MeterType, strict: Bool) -> [IpcViolation] {
        var problems: [String] = []
        if actual != type { problems.append("is a \(actual.rawValue), not a \(type.rawValue)") }
        let tags = Dictionary(id.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for key in required where tags[key] == nil { problems.append("required key \(key) is missing") }
        for (key, values) in Self.allowed.sorted(by: { $0.key < $1.key }) {
            if let value = tags[key], !values.contains(value) {
                problems.append("\(key)=\(value) is not an allowed value")
            }
        }
        if let result = tags[IpcTagKey.result], let status = tags[IpcTagKey.status],
            (result == IpcResult.success.rawValue) != (status == IpcStatus.success.rawValue)
        {
            problems.append("ipc.result=\(result) disagrees with ipc.status=\(status)")
        }
        if strict {
            for key in tags.keys.sorted() where !required.contains(key) && !optional.contains(key) {
                problems.append("key \(key) is not allowed on \(id.name)")
            }
        }
        return problems.map { IpcViolation(id: id, problem: $0) }
    }
}
