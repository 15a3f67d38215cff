import Testing

@testable import Spectator

@Suite("XXHash64")
struct XXHash64Tests {
    @Test("every encoding row of spectator-java's vectors: the hash, its register and its rank")
    func vectors() {
        let rows = SketchTestVectors.rows
        #expect(rows.count == 35)
        for row in rows {
            let hash: UInt64
            switch row.input {
            case .long(let value): hash = XXHash64.hash(value)
            case .string(let value):
                var value = value
                hash = value.withUTF8 { XXHash64.hash(UnsafeRawBufferPointer($0)) }
            case .bytes(let bytes): hash = bytes.withUnsafeBytes { XXHash64.hash($0) }
            }
            #expect(hash == row.hash, "\(row.input)")
            #expect(Int(hash & 63) == row.register, "\(row.input)")
            // Rank as the vectors' header defines it: 1 + the leading zeros of the 58 bits above the index.
            var rank = 1
            while rank < 59, (hash >> 6) & (UInt64(1) << UInt64(58 - rank)) == 0 { rank += 1 }
            #expect(rank == row.rank, "\(row.input)")
        }
    }

    @Test("an Int64 hashes as its eight little-endian bytes")
    func integerAsBytes() {
        for value: Int64 in [0, 1, -1, 42, .min, .max, 0x0102_0304_0506_0708] {
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> UInt64($0 * 8)) }
            #expect(XXHash64.hash(value) == bytes.withUnsafeBytes { XXHash64.hash($0) })
        }
    }

    @Test("inputs of every length up to 100 bytes, at every alignment, hash the same from any start address")
    func alignment() {
        let source = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...100 {
            let reference = Array(source[0..<length]).withUnsafeBytes { XXHash64.hash($0) }
            for offset in 1..<8 {
                let shifted = Array(repeating: 0, count: offset) + Array(source[0..<length])
                let hash = shifted.withUnsafeBytes { XXHash64.hash(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
                #expect(hash == reference, "length \(length), offset \(offset)")
            }
        }
    }
}
