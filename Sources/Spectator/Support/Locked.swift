/// A value guarded by a pthread mutex (``Platform/Mutex``), for the library's cold paths (meter
/// creation, collection, sockets, HTTP exchanges).
///
/// - Note: `Synchronization.Mutex` would do, but ThreadSanitizer cannot see its locking (it lives
///   in the precompiled standard library) and reports every access it guards as a race; the
///   sanitizer intercepts pthread mutexes. The warm path uses ``SpinLocked`` instead.
package final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched while `mutex` is held.
    private let mutex = Platform.Mutex()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        mutex.lock()
        defer { mutex.unlock() }
        return try body(&value)
    }
}
