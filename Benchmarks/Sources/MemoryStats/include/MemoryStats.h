#ifndef MEMORY_STATS_H
#define MEMORY_STATS_H

#include <stddef.h>

/// Bytes the C allocator has handed out and not had back (heap and mmapped chunks), from mallinfo2.
size_t memory_stats_heap_in_use(void);

/// Resident set size of this process in bytes, from /proc/self/statm.
size_t memory_stats_resident(void);

#endif
