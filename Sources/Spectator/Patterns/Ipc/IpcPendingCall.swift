import Synchronization

/// A started call held by reference, for the integrations whose call ends in a closure (a response
/// body written, a future completed): finished once, by whichever end comes first; dropped
/// unfinished, it leaves the in-flight count right as the call does.
package final class IpcPendingCall: Sendable {
    private let call: Mutex<IpcCall?>

    package init(_ call: consuming IpcCall) {
        self.call = Mutex(call)
    }

    /// Runs `body` with the call, unless it was finished already.
    package func finish(_ body: (consuming IpcCall) -> Void) {
        if let call = call.withLock({ $0.take() }) { body(call) }
    }
}
