#include "MemoryStats.h"

#if defined(__APPLE__)
// Darwin: the default malloc zone's statistics and the task's basic info (not run by this project's
// CI, which is Linux).
#include <mach/mach.h>
#include <malloc/malloc.h>

size_t memory_stats_heap_in_use(void) {
    malloc_statistics_t statistics;
    malloc_zone_statistics(NULL, &statistics);
    return statistics.size_in_use;
}

size_t memory_stats_resident(void) {
    mach_task_basic_info_data_t info;
    mach_msg_type_number_t count = MACH_TASK_BASIC_INFO_COUNT;
    if (task_info(mach_task_self(), MACH_TASK_BASIC_INFO, (task_info_t)&info, &count) != KERN_SUCCESS) {
        return 0;
    }
    return (size_t)info.resident_size;
}
#else
#include <malloc.h>
#include <stdio.h>
#include <unistd.h>

size_t memory_stats_heap_in_use(void) {
#if defined(__GLIBC__)
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
#else
    // musl has no allocator statistics.
    return 0;
#endif
}

size_t memory_stats_resident(void) {
    FILE *statm = fopen("/proc/self/statm", "r");
    if (statm == NULL) {
        return 0;
    }
    unsigned long size = 0;
    unsigned long resident = 0;
    int read = fscanf(statm, "%lu %lu", &size, &resident);
    fclose(statm);
    return read == 2 ? (size_t)resident * (size_t)sysconf(_SC_PAGESIZE) : 0;
}
#endif
