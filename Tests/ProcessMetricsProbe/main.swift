// Does to its own process what the process-metrics tests check, publishing a step after each deed to
// standard output as SpectatorD lines, each step behind a `== <deed>` line. A process of its own, so
// that the descriptors, threads and memory counted are only these (the test runner runs other tests
// in parallel threads of its own process).
import Foundation
import Spectator

let configuration = SpectatorConfiguration(
    environment: ["SPECTATOR_OUTPUT_LOCATION": "stdout", "SPECTATOR_PROCESS_METRICS": "true"],
    log: .standardError
)
let registry = Registry(configuration: configuration)
let publisher = Publisher(registry: registry, configuration: configuration)

/// Publishes a step, announced by `== deed`.
func step(_ deed: String) {
    FileHandle.standardOutput.write(Data("== \(deed)\n".utf8))
    publisher.flush()
}

/// Seconds of CPU time this thread has used.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

// One thread started and ended first: a sanitizer's runtime starts a helper thread of its own at the
// first thread, which would count among the parked ones below.
let warmedUp = DispatchSemaphore(value: 0)
Thread { warmedUp.signal() }.start()
warmedUp.wait()
step("warm-up")
step("baseline")

let descriptors = (0..<20).map { _ in open("/dev/null", O_RDONLY) }
step("opened 20 descriptors")
for descriptor in descriptors { close(descriptor) }
step("closed them")

// 300 ms of this thread's CPU time, however busy the machine is.
let busyStart = threadCPUSeconds()
var spin: UInt64 = 1
while threadCPUSeconds() - busyStart < 0.3 {
    for _ in 0..<10_000 { spin = spin &* 6_364_136_223_846_793_005 &+ 1 }
}
step("busy for 300 ms (\(spin & 1))")

let release = DispatchSemaphore(value: 0)
let parked = DispatchSemaphore(value: 0)
for _ in 0..<3 {
    Thread {
        parked.signal()
        release.wait()
    }.start()
}
for _ in 0..<3 { parked.wait() }
step("parked 3 threads")
for _ in 0..<3 { release.signal() }

let size = 64 << 20
let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
memory.initializeMemory(as: UInt8.self, repeating: 1, count: size)
step("touched 64 MiB")
memory.deallocate()
FileHandle.standardOutput.write(Data("== stopped\n".utf8))
publisher.stop()
