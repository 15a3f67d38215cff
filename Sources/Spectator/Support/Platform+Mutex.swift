#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("Platform+Mutex.swift: an unknown C library; add its branch")
#endif

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
