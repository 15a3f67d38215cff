import Synchronization
import Testing

@testable import Spectator

@Suite("AtomicCells")
struct AtomicCellsTests {
    @Test("every cell starts at 0 and changes alone")
    func cellsAreIndependent() {
        let cells = AtomicCells<UInt8>(count: 64)
        #expect((0..<64).allSatisfy { cells[$0].load(ordering: .relaxed) == 0 })
        for index in 0..<64 {
            cells[unchecked: index].store(UInt8(index + 1), ordering: .relaxed)
        }
        #expect((0..<64).map { Int(cells[$0].load(ordering: .relaxed)) } == Array(1...64))
    }

    @Test("four threads adding 250 000 times each to every third cell lose nothing")
    func concurrentAdds() {
        let cells = AtomicCells<UInt64>(count: 276)
        let adder: @Sendable () -> Void = {
            for round in 0..<250_000 {
                cells[round % 92 * 3].wrappingAdd(1, ordering: .relaxed)
            }
        }
        runOnThreads(Array(repeating: adder, count: 4))
        let counts = (0..<276).map { cells[$0].load(ordering: .relaxed) }
        #expect(counts.reduce(0, +) == 1_000_000)
        #expect(counts.enumerated().allSatisfy { $0.offset % 3 == 0 ? $0.element > 0 : $0.element == 0 })
    }
}
