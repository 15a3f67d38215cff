public import Synchronization

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

/// A value guarded by a spin lock, for critical sections that last a few nanoseconds.
///
/// The registry's lookup shards hold their lock only for one probe of a hash table: too short for
/// `Synchronization.Mutex`, whose uncontended `withLock` costs several times a test-and-set lock on
/// Linux. A waiter spins briefly, then yields its time slice, so a descheduled holder does not make
/// others burn a core.
@usableFromInline
final class SpinLocked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched while `locked` is held. It lives behind a pointer rather
    // than in a `var`, so that accesses skip the runtime's dynamic exclusivity checks.
    @usableFromInline let locked = Atomic<Bool>(false)
    @usableFromInline let value: UnsafeMutablePointer<Value>

    init(_ value: Value) {
        self.value = .allocate(capacity: 1)
        self.value.initialize(to: value)
    }

    deinit {
        value.deinitialize(count: 1)
        value.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inlinable @inline(__always)
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        if locked.exchange(true, ordering: .acquiring) {
            lockSlowly()
        }
        defer { locked.store(false, ordering: .releasing) }
        return try body(&value.pointee)
    }

    @usableFromInline @inline(never)
    func lockSlowly() {
        var spins = 0
        repeat {
            while locked.load(ordering: .relaxed) {
                spins += 1
                if spins >= 100 {
                    Platform.yieldThread()
                    spins = 0
                }
            }
        } while locked.exchange(true, ordering: .acquiring)
    }
}
