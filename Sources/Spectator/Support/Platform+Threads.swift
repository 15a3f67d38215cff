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
