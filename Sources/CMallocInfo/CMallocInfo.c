#include "CMallocInfo.h"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>

int spectator_glibc_malloc_bytes_in_use(uint64_t *bytes) {
    struct mallinfo2 info = mallinfo2();
    *bytes = (uint64_t)info.uordblks + (uint64_t)info.hblkhd;
    return 0;
}
#else
int spectator_glibc_malloc_bytes_in_use(uint64_t *bytes) {
    (void)bytes;
    return -1;
}
#endif
