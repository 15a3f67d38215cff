#ifndef MEMORY_STATS_H
#define MEMORY_STATS_H

#include <stddef.h>

/// Bytes the C allocator has handed out and not had back (heap and mmapped chunks): glibc's mallinfo2,
/// Darwin's malloc_zone_statistics; 0 where the C library keeps no such count (musl).
size_t memory_stats_heap_in_use(void);

/// Resident set size of this process in bytes: /proc/self/statm, or Darwin's task_info; 0 if unreadable.
size_t memory_stats_resident(void);

#endif
