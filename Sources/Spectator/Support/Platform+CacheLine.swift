// A counter's stripes sit a cache line apart, so that threads adding to different stripes do not
// take the same line from each other: 128 bytes on Apple silicon (its performance cores' L1 and L2
// lines), 64 on x86-64 and on the other ARM machines we run on. The Darwin branch is not run by this
// project's CI.

#if canImport(Darwin) && arch(arm64)
/// Atomics of 8 bytes per cache line: the spacing between two stripes.
@inlinable var atomicsPerCacheLine: Int { 16 }
#else
/// Atomics of 8 bytes per cache line: the spacing between two stripes.
@inlinable var atomicsPerCacheLine: Int { 8 }
#endif
