#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libc calls the library needs, behind one import ladder.
enum Platform {
    /// Writes `text` to standard error with a single `write(2)`, so concurrent lines do not interleave.
    static func writeToStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Wall-clock time in milliseconds since the Unix epoch.
    static func wallTimeMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Monotonic time in nanoseconds, unaffected by wall-clock changes.
    static func monotonicNanos() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Gives the rest of this thread's time slice to another thread.
    static func yieldThread() {
        sched_yield()
    }

    /// An identifier of the calling thread, cheap to get (`pthread_self`).
    @inline(__always)
    static func currentThreadID() -> UInt64 {
        UInt64(pthread_self())
    }
}
