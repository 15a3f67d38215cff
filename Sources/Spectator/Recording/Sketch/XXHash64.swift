/// xxHash64 with seed 0, the hash every Spectator client feeds its distinct-count sketch with
/// (spectator-java's `Hash64`; the algorithm is Yann Collet's
/// [XXH64](https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md)). Input is read as
/// little-endian words on every machine, so a value hashes the same everywhere.
///
/// ```swift
/// XXHash64.hash(Int64(42))                        // 0xb556806fb6d14353
/// "user-12345".utf8.withContiguousStorageIfAvailable { XXHash64.hash(UnsafeRawBufferPointer($0)) }
/// ```
@usableFromInline
enum XXHash64 {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The hash of `value`'s eight bytes, little-endian (as spectator-java hashes a `long`).
    @inlinable @inline(__always)
    static func hash(_ value: Int64) -> UInt64 {
        var hash = prime5 &+ 8
        hash = mergeWord(hash, UInt64(bitPattern: value))
        return avalanche(hash)
    }

    /// The hash of `count` (0 … 15) bytes held in two words: bytes 0–7 in `low`, the rest in `high`,
    /// each in memory order on a little-endian machine (as ``Swift/String/smallWords`` gives a small
    /// string's bytes).
    @inlinable @inline(__always)
    static func hash(_ low: UInt64, _ high: UInt64, count: Int) -> UInt64 {
        var hash = prime5 &+ UInt64(truncatingIfNeeded: count)
        var rest = low
        var left = count
        if left >= 8 {
            hash = mergeWord(hash, low)
            rest = high
            left &-= 8
        }
        if left >= 4 {
            hash = mergeHalfWord(hash, rest & 0xFFFF_FFFF)
            rest &>>= 32
            left &-= 4
        }
        while left > 0 {
            hash = mergeByte(hash, rest & 0xFF)
            rest &>>= 8
            left &-= 1
        }
        return avalanche(hash)
    }

    /// The hash of `bytes`.
    @inlinable
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return avalanche(prime5) }
        var offset = 0
        var hash: UInt64
        if count >= 32 {
            var lanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)
            while offset &+ 32 <= count {
                lanes.0 = round(lanes.0, word(base, offset))
                lanes.1 = round(lanes.1, word(base, offset &+ 8))
                lanes.2 = round(lanes.2, word(base, offset &+ 16))
                lanes.3 = round(lanes.3, word(base, offset &+ 24))
                offset &+= 32
            }
            hash =
                lanes.0.rotatedLeft(1) &+ lanes.1.rotatedLeft(7) &+ lanes.2.rotatedLeft(12)
                &+ lanes.3.rotatedLeft(18)
            hash = mergeLane(hash, lanes.0)
            hash = mergeLane(hash, lanes.1)
            hash = mergeLane(hash, lanes.2)
            hash = mergeLane(hash, lanes.3)
        } else {
            hash = prime5
        }
        hash &+= UInt64(truncatingIfNeeded: count)
        while offset &+ 8 <= count {
            hash = mergeWord(hash, word(base, offset))
            offset &+= 8
        }
        if offset &+ 4 <= count {
            let half = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            hash = mergeHalfWord(hash, UInt64(half))
            offset &+= 4
        }
        while offset < count {
            hash = mergeByte(hash, UInt64(base.load(fromByteOffset: offset, as: UInt8.self)))
            offset &+= 1
        }
        return avalanche(hash)
    }

    @inlinable @inline(__always)
    static func word(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable @inline(__always)
    static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        (accumulator &+ input &* prime2).rotatedLeft(31) &* prime1
    }

    @inlinable @inline(__always)
    static func mergeLane(_ hash: UInt64, _ lane: UInt64) -> UInt64 {
        (hash ^ round(0, lane)) &* prime1 &+ prime4
    }

    /// Folds one 8-byte word of the tail into `hash`.
    @inlinable @inline(__always)
    static func mergeWord(_ hash: UInt64, _ input: UInt64) -> UInt64 {
        (hash ^ round(0, input)).rotatedLeft(27) &* prime1 &+ prime4
    }

    /// Folds four bytes of the tail (the low half of `input`) into `hash`.
    @inlinable @inline(__always)
    static func mergeHalfWord(_ hash: UInt64, _ input: UInt64) -> UInt64 {
        (hash ^ input &* prime1).rotatedLeft(23) &* prime2 &+ prime3
    }

    /// Folds one byte of the tail (the low byte of `input`) into `hash`.
    @inlinable @inline(__always)
    static func mergeByte(_ hash: UInt64, _ input: UInt64) -> UInt64 {
        (hash ^ input &* prime5).rotatedLeft(11) &* prime1
    }

    @inlinable @inline(__always)
    static func avalanche(_ hash: UInt64) -> UInt64 {
        var hash = hash
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotatedLeft(_ bits: UInt64) -> UInt64 {
        self << bits | self >> (64 &- bits)
    }
}
