#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("Platform+Semaphore.swift: an unknown C library; add its branch")
#endif

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
