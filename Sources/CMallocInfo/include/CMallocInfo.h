#ifndef SPECTATOR_CMALLOCINFO_H
#define SPECTATOR_CMALLOCINFO_H

#include <stdint.h>

/// The bytes glibc's allocator has handed out and not had back (`mallinfo2`: arena blocks in use plus
/// separately mapped blocks). Returns 0 and sets `*bytes`, or -1 where the C library has no
/// `mallinfo2` (musl, glibc before 2.33, Darwin, which Swift reads through `malloc_zone_statistics`).
int spectator_glibc_malloc_bytes_in_use(uint64_t *bytes);

#endif
