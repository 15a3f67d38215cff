import Dispatch
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
