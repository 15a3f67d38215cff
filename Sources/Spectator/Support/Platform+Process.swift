internal import CMallocInfo

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("Platform+Process.swift: an unknown C library; add its branch")
#endif

/// What ``ProcessSampler`` reads of the process itself: resource usage, memory, descriptors, threads.
/// Each read returns `nil` (or a failure's description) when the system does not give it.
///
/// - Note: Linux reads `/proc/self`, `getrusage`, `getrlimit` and glibc's `mallinfo2`. The Darwin
///   branches read `getrusage`, `proc_pidinfo` (`PROC_PIDTASKINFO`, `PROC_PIDLISTFDS`,
///   `PROC_PIDTBSDINFO`) and `malloc_zone_statistics`, with the SDK's spellings (as swift-nio's
///   `System.swift` imports them), and are not run by this project's CI.
extension Platform {
    /// `getrusage(RUSAGE_SELF)`, in the units the wire wants.
    struct ResourceUsage {
        var userSeconds: Double
        var systemSeconds: Double
        /// The largest resident set so far, in bytes (Linux reports KiB, Darwin bytes).
        var maxResidentBytes: Double
        var minorFaults: Double
        var majorFaults: Double
        var voluntarySwitches: Double
        var involuntarySwitches: Double
        var blockInputs: Double
        var blockOutputs: Double
    }

    static func resourceUsage() -> Result<ResourceUsage, ReadFailure> {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return .failure(ReadFailure("getrusage", errno: errno)) }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        #if canImport(Darwin)
        let maxResidentBytes = Double(usage.ru_maxrss)
        #else
        let maxResidentBytes = Double(usage.ru_maxrss) * 1024
        #endif
        return .success(
            ResourceUsage(
                userSeconds: seconds(usage.ru_utime),
                systemSeconds: seconds(usage.ru_stime),
                maxResidentBytes: maxResidentBytes,
                minorFaults: Double(usage.ru_minflt),
                majorFaults: Double(usage.ru_majflt),
                voluntarySwitches: Double(usage.ru_nvcsw),
                involuntarySwitches: Double(usage.ru_nivcsw),
                blockInputs: Double(usage.ru_inblock),
                blockOutputs: Double(usage.ru_oublock)
            )
        )
    }

    /// The soft limit on open descriptors (`ulimit -n`).
    static func descriptorLimit() -> Result<Double, ReadFailure> {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return .failure(ReadFailure("getrlimit", errno: errno)) }
        return .success(Double(limit.rlim_cur))
    }

    /// The descriptors the process has open, the one used to count them left out.
    static func openDescriptorCount() -> Result<Double, ReadFailure> {
        #if canImport(Darwin)
        // Asked without a buffer, it answers the size of the descriptor table; with one, the bytes of
        // the entries it filled, one per open descriptor.
        let capacity = proc_pidinfo(getpid(), PROC_PIDLISTFDS, 0, nil, 0)
        guard capacity > 0 else { return .failure(ReadFailure("proc_pidinfo(PROC_PIDLISTFDS)", errno: errno)) }
        let entries = [proc_fdinfo](unsafeUninitializedCapacity: Int(capacity) / MemoryLayout<proc_fdinfo>.stride) {
            buffer,
            count in
            let filled = proc_pidinfo(getpid(), PROC_PIDLISTFDS, 0, buffer.baseAddress, capacity)
            count = max(0, Int(filled)) / MemoryLayout<proc_fdinfo>.stride
        }
        return .success(Double(entries.count))
        #else
        guard let directory = opendir("/proc/self/fd") else {
            return .failure(ReadFailure("opendir /proc/self/fd", errno: errno))
        }
        defer { closedir(directory) }
        var entries = 0
        while let entry = readdir(directory) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { name in
                name[0] == UInt8(ascii: ".") && (name[1] == 0 || (name[1] == UInt8(ascii: ".") && name[2] == 0))
            }
            if !isDot { entries += 1 }
        }
        return .success(Double(max(0, entries - 1)))
        #endif
    }

    /// The resident and virtual sizes, in bytes.
    static func memorySizes() -> Result<(resident: Double, virtual: Double), ReadFailure> {
        #if canImport(Darwin)
        guard let info = taskInfo() else {
            return .failure(ReadFailure("proc_pidinfo(PROC_PIDTASKINFO)", errno: errno))
        }
        return .success((Double(info.pti_resident_size), Double(info.pti_virtual_size)))
        #else
        // statm: size resident shared text lib data dt, in pages.
        switch readNumbers("/proc/self/statm") {
        case .success(let fields) where fields.count >= 2:
            let page = Double(sysconf(Int32(_SC_PAGESIZE)))
            return .success((fields[1] * page, fields[0] * page))
        case .success: return .failure(ReadFailure("/proc/self/statm", reason: "fewer than two fields"))
        case .failure(let failure): return .failure(failure)
        }
        #endif
    }

    /// The threads of the process.
    static func threadCount() -> Result<Double, ReadFailure> {
        #if canImport(Darwin)
        guard let info = taskInfo() else {
            return .failure(ReadFailure("proc_pidinfo(PROC_PIDTASKINFO)", errno: errno))
        }
        return .success(Double(info.pti_threadnum))
        #else
        return statField(20)
        #endif
    }

    /// Seconds since the process started.
    static func processUptime() -> Result<Double, ReadFailure> {
        #if canImport(Darwin)
        var info = proc_bsdinfo()
        let size = Int32(MemoryLayout<proc_bsdinfo>.size)
        guard proc_pidinfo(getpid(), PROC_PIDTBSDINFO, 0, &info, size) == size else {
            return .failure(ReadFailure("proc_pidinfo(PROC_PIDTBSDINFO)", errno: errno))
        }
        let started = Double(info.pbi_start_tvsec) + Double(info.pbi_start_tvusec) / 1e6
        return .success(max(0, Double(wallTimeMillis()) / 1000 - started))
        #else
        // /proc/uptime's first number is the seconds since boot.
        switch (processStartTicks, readNumbers("/proc/uptime")) {
        case (.success(let ticks), .success(let uptime)) where !uptime.isEmpty:
            return .success(max(0, uptime[0] - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))))
        case (.failure(let failure), _), (_, .failure(let failure)): return .failure(failure)
        default: return .failure(ReadFailure("/proc/uptime", reason: "no number"))
        }
        #endif
    }

    /// The bytes the C allocator has handed out and not had back.
    static func mallocBytesInUse() -> Result<Double, ReadFailure> {
        #if canImport(Darwin)
        var statistics = malloc_statistics_t()
        malloc_zone_statistics(nil, &statistics)
        return .success(Double(statistics.size_in_use))
        #else
        var bytes: UInt64 = 0
        guard spectator_glibc_malloc_bytes_in_use(&bytes) == 0 else {
            return .failure(ReadFailure("mallinfo2", reason: "not in this C library"))
        }
        return .success(Double(bytes))
        #endif
    }

    #if canImport(Darwin)
    private static func taskInfo() -> proc_taskinfo? {
        var info = proc_taskinfo()
        let size = Int32(MemoryLayout<proc_taskinfo>.size)
        return proc_pidinfo(getpid(), PROC_PIDTASKINFO, 0, &info, size) == size ? info : nil
    }
    #else
    /// When the process started, in clock ticks after boot (`/proc/self/stat`'s field 22): read once,
    /// as it never changes.
    private static let processStartTicks = statField(22)

    /// Field `number` (1-based, as `man 5 proc` counts them) of `/proc/self/stat`, a whole number. The
    /// command name, field 2, is in parentheses and may hold spaces, so fields are counted after its
    /// `)`; the bytes are read in place.
    private static func statField(_ number: Int) -> Result<Double, ReadFailure> {
        readFile("/proc/self/stat").flatMap { bytes in
            guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else {
                return .failure(ReadFailure("/proc/self/stat", reason: "no command name"))
            }
            // The `)` ends field 2; each space after it starts the next field.
            var field = 2
            var value: UInt64 = 0
            var digits = 0
            for byte in bytes[(close + 1)...] {
                if byte == UInt8(ascii: " ") {
                    if field == number { break }
                    field += 1
                    continue
                }
                guard field == number else { continue }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
                value = value &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
            }
            guard field == number, digits > 0 else {
                return .failure(ReadFailure("/proc/self/stat", reason: "no field \(number)"))
            }
            return .success(Double(value))
        }
    }

    /// `read(2)`, by a name that a local `read` does not hide.
    private static func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        read(fd, buffer, count)
    }

    /// The numbers of a one-line file of numbers separated by spaces.
    private static func readNumbers(_ path: String) -> Result<[Double], ReadFailure> {
        readFile(path).map { bytes in
            bytes.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") })
                .compactMap { Double(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// A small file's bytes (at most 1 KiB: `/proc/self/stat` holds about 300).
    private static func readFile(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure("open \(path)", errno: errno)) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 1024)
        var count = 0
        while count < bytes.count {
            let read = syscall {
                bytes.withUnsafeMutableBytes { buffer -> Int in
                    Platform.readBytes(fd, buffer.baseAddress! + count, buffer.count - count)
                }
            }
            switch read {
            case .failure(let error): return .failure(ReadFailure("read \(path)", errno: error.code))
            case .success(0): return .success(Array(bytes[..<count]))
            case .success(let read): count += read
            }
        }
        return .success(Array(bytes[..<count]))
    }
    #endif

    /// Why a process metric could not be read.
    struct ReadFailure: Error, Equatable {
        /// What was asked, and what the system answered.
        let description: String

        init(_ call: String, errno: Int32) {
            description = "\(call): \(String(cString: strerror(errno)))"
        }

        init(_ source: String, reason: String) {
            description = "\(source): \(reason)"
        }
    }
}
