#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("Platform+Threads.swift: an unknown C library; add its branch")
#endif

#if canImport(Darwin)
private typealias ThreadEntry = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer?
#else
private typealias ThreadEntry = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
#endif

/// Threads, sleeping and the process environment, without Foundation or Dispatch.
extension Platform {
    /// Runs `body` on a new detached thread; `false` when the system refuses to make one (then
    /// `body` does not run).
    ///
    /// - Note: Written after swift-nio's `NIOPosix/ThreadPosix.swift`: the closure travels to the
    ///   thread as a retained pointer; Glibc's `pthread_t` is an integer, Darwin's and Musl's an
    ///   optional pointer, and Darwin's start routine takes a non-optional argument.
    @discardableResult
    static func startThread(_ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        let entry: ThreadEntry = { argument in
            // Read as optional, so that one line serves Darwin's non-optional argument and Glibc's optional one.
            guard let argument = argument as UnsafeMutableRawPointer? else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(argument).takeRetainedValue().body()
            return nil
        }
        #if canImport(Darwin) || canImport(Musl)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        guard pthread_create(&thread, nil, entry, box) == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            return false
        }
        #if canImport(Darwin) || canImport(Musl)
        if let thread { pthread_detach(thread) }
        #else
        pthread_detach(thread)
        #endif
        return true
    }

    /// What a new thread runs.
    private final class ThreadBody {
        let body: @Sendable () -> Void

        init(_ body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }

    /// Blocks the calling thread for `nanoseconds` (nothing for zero or less), again after an
    /// interruption.
    static func sleep(nanoseconds: Int64) {
        guard nanoseconds > 0 else { return }
        var remaining = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var left = timespec()
        // After an interruption the call goes on with the time that was left.
        _ = syscall {
            let slept = nanosleep(&remaining, &left)
            remaining = left
            return slept
        }
    }

    /// The process environment, read from `environ`.
    static func environment() -> [String: String] {
        #if canImport(Darwin)
        guard let entries = _NSGetEnviron()?.pointee else { return [:] }
        #else
        guard let entries = environ as UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? else { return [:] }
        #endif
        var variables: [String: String] = [:]
        var index = 0
        while let entry = entries[index] {
            index += 1
            let text = String(cString: entry)
            guard let equals = text.firstIndex(of: "=") else { continue }
            let name = String(text[..<equals])
            if variables[name] == nil { variables[name] = String(text[text.index(after: equals)...]) }
        }
        return variables
    }
}

extension Platform {
    /// A `pthread_mutex_t` at a stable address, which ThreadSanitizer sees (see ``Locked``).
    final class Mutex: @unchecked Sendable {
        // @unchecked: a pthread mutex is made to be shared between threads.
        /// The mutex itself, for a condition variable to wait on (``Platform/Semaphore``).
        let mutex: UnsafeMutablePointer<pthread_mutex_t>

        init() {
            mutex = .allocate(capacity: 1)
            mutex.initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutex, nil)
        }

        deinit {
            pthread_mutex_destroy(mutex)
            mutex.deinitialize(count: 1)
            mutex.deallocate()
        }

        func lock() {
            pthread_mutex_lock(mutex)
        }

        func unlock() {
            pthread_mutex_unlock(mutex)
        }
    }
}

extension Platform {
    /// A semaphore between threads: ``signal()`` lets one ``wait(until:)`` through, now or the
    /// next time one waits (it starts at zero).
    ///
    /// - Note: Waits are bounded by monotonic deadlines (``Platform/monotonicNanos()``). On Linux the
    ///   condition variable runs on `CLOCK_MONOTONIC`; Darwin has no such attribute, so it waits
    ///   for the remaining time with `pthread_cond_timedwait_relative_np`. Either way a wall-clock
    ///   change neither shortens nor stretches a wait.
    final class Semaphore: @unchecked Sendable {
        // @unchecked: `pending` is only touched while `mutex` is held.
        private let mutex = Platform.Mutex()
        private let condition: UnsafeMutablePointer<pthread_cond_t>
        private var pending = 0

        init() {
            condition = .allocate(capacity: 1)
            condition.initialize(to: pthread_cond_t())
            #if canImport(Darwin)
            pthread_cond_init(condition, nil)
            #else
            var attributes = pthread_condattr_t()
            pthread_condattr_init(&attributes)
            pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
            pthread_cond_init(condition, &attributes)
            pthread_condattr_destroy(&attributes)
            #endif
        }

        deinit {
            pthread_cond_destroy(condition)
            condition.deinitialize(count: 1)
            condition.deallocate()
        }

        /// Lets one waiter through.
        func signal() {
            mutex.lock()
            pending += 1
            pthread_cond_signal(condition)
            mutex.unlock()
        }

        /// Waits for a ``signal()`` until `deadline` (monotonic nanoseconds); `false` when the
        /// deadline came first. `nil` waits without a deadline.
        @discardableResult
        func wait(until deadline: Int64? = nil) -> Bool {
            mutex.lock()
            defer { mutex.unlock() }
            while pending == 0 {
                guard let deadline else {
                    pthread_cond_wait(condition, mutex.mutex)
                    continue
                }
                let remaining = deadline &- Platform.monotonicNanos()
                if remaining <= 0 { return false }
                wait(nanoseconds: remaining)
            }
            pending -= 1
            return true
        }

        /// One timed wait on the condition, for at most `nanoseconds`; the mutex is held.
        private func wait(nanoseconds: Int64) {
            #if canImport(Darwin)
            var relative = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
            pthread_cond_timedwait_relative_np(condition, mutex.mutex, &relative)
            #else
            let end = Platform.monotonicNanos() &+ nanoseconds
            var absolute = timespec(tv_sec: Int(end / 1_000_000_000), tv_nsec: Int(end % 1_000_000_000))
            pthread_cond_timedwait(condition, mutex.mutex, &absolute)
            #endif
        }
    }
}
