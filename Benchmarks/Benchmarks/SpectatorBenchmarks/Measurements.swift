import Dispatch
import Foundation
import MemoryStats

/// Bytes gained per item while `make` creates `count` items that stay alive: as the C allocator counts
/// them (heap in use, malloc's own bookkeeping and free lists excluded) and as the kernel does
/// (resident set growth, which also counts free-list holes and pages touched).
func memoryPerItem(_ count: Int, _ make: (Int) -> AnyObject) -> (heap: Int, resident: Int) {
    var kept: [AnyObject] = []
    kept.reserveCapacity(count)
    let heapBefore = memory_stats_heap_in_use()
    let residentBefore = memory_stats_resident()
    for index in 0..<count {
        kept.append(make(index))
    }
    let heap = Int(memory_stats_heap_in_use()) - Int(heapBefore)
    let resident = Int(memory_stats_resident()) - Int(residentBefore)
    withExtendedLifetime(kept) {}
    return (heap / count, resident / count)
}

/// Nanoseconds `body` takes, on the monotonic clock.
func nanoseconds(_ body: () -> Void) -> Int {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Int(DispatchTime.now().uptimeNanoseconds - start)
}

/// Runs `body` on two threads of their own at once, each released only once both have started, and
/// returns when both are done: two workers hammering one meter, as a server's threads do. (Dispatch's
/// `concurrentPerform` may run both iterations on the calling thread, one after the other, when its
/// worker is slow to wake.)
func onTwoThreads(_ body: @escaping @Sendable () -> Void) {
    let started = RawCell()
    let done = DispatchGroup()
    for _ in 0..<2 {
        done.enter()
        Thread {
            started.value.wrappingAdd(1, ordering: .relaxed)
            while started.value.load(ordering: .relaxed) < 2 {}
            body()
            done.leave()
        }.start()
    }
    done.wait()
}
