/// Which attempt of a client's call this was, as the `ipc.attempt` tag says it.
///
/// ```swift
/// IpcAttempt(attemptNumber: 1)  // .initial
/// IpcAttempt(attemptNumber: 4)  // .thirdUp
/// ```
public enum IpcAttempt: String, Sendable, CaseIterable {
    /// The first attempt.
    case initial
    /// The first retry.
    case second
    /// The third attempt or a later one.
    case thirdUp = "third_up"
    /// An attempt number below 1.
    case unknown

    /// The attempt for a 1-based `attemptNumber`.
    public init(attemptNumber: Int) {
        switch attemptNumber {
        case 1: self = .initial
        case 2: self = .second
        case 3...: self = .thirdUp
        default: self = .unknown
        }
    }
}

/// Whether a client's attempt was its last, as the `ipc.attempt.final` tag says it.
///
/// ```swift
/// IpcAttemptFinal(isFinal: attempt == maximumAttempts).rawValue  // "true" or "false"
/// ```
public enum IpcAttemptFinal: String, Sendable, CaseIterable {
    case `true`, `false`

    /// `true` when `isFinal`.
    public init(isFinal: Bool) {
        self = isFinal ? .true : .false
    }
}
