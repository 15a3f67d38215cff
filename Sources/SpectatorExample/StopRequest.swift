import Dispatch
import Foundation
import Synchronization

/// Becomes true once SIGINT, SIGTERM or a set duration asks the program to stop.
final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    /// Whether the program should stop.
    var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Asks the program to stop.
    func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Requests a stop on SIGINT and SIGTERM (their default actions are turned off) and, if given, after
    /// `duration` seconds. Keep the returned sources: the signals are watched while they live.
    ///
    /// The handlers run on a queue of their own. They are created here, not in `main.swift`: Swift 6 makes
    /// top-level code main-actor isolated, and a closure created there traps when Dispatch runs it on
    /// another queue.
    func watchSignals(stoppingAfter duration: Double?) -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "SpectatorExample.signals")
        if let duration {
            queue.asyncAfter(deadline: .now() + duration) { self.request() }
        }
        return [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { self.request() }
            source.resume()
            return source
        }
    }
}
