import Testing

@testable import Spectator

/// A count held the way a counter holds it: the owner makes the slow-path call.
private final class CountOwner: Sendable {
    let count = StripedCount()

    func add(_ amount: UInt64) {
        count.add(amount) { count.sample() }
    }

    func add(fraction amount: Double) { count.add(fraction: amount) }

    var isStriped: Bool { count.isStriped }

    func exchangeTotal() -> Double { count.exchangeTotal() }
}

@Suite("StripedCount")
struct StripedCountTests {
    @Test("one thread's adds are exact across many sample intervals, never stripe, and a read resets")
    func oneThread() {
        let owner = CountOwner()
        for _ in 0..<100_000 { owner.add(1) }
        for _ in 0..<1_000 { owner.add(1_000) }
        #expect(!owner.isStriped)
        #expect(owner.exchangeTotal() == 1_100_000)
        #expect(owner.exchangeTotal() == 0)
    }

    @Test("a fraction stripes the count; whole and fractional amounts then add up exactly")
    func fraction() {
        let owner = CountOwner()
        owner.add(fraction: 0.5)
        #expect(owner.isStriped)
        for _ in 0..<10 { owner.add(3) }
        #expect(owner.exchangeTotal() == 30.5)
        #expect(owner.exchangeTotal() == 0)
    }

    @Test("the stripes' block starts on a cache line, and the fraction sits on the line after the sixteen stripes")
    func stripesLayout() {
        let stripes = Stripes.allocate()
        defer { stripes.deallocate() }
        let line = UInt64(Stripes.spacing * MemoryLayout<UInt64>.stride)
        #expect(stripes.address % line == 0)
        let fraction = UInt64(UInt(bitPattern: stripes.fraction))
        #expect(fraction - stripes.address == 16 * line)
        stripes.add(5)
        stripes.fraction.pointee.add(0.25)
        #expect(stripes.exchangeWhole() == 5)
        #expect(stripes.fraction.pointee.exchange(0) == 0.25)
        #expect(stripes.exchangeWhole() == 0)
    }

    @Test("threads adding at once lose nothing, on the cell or on stripes", arguments: [false, true])
    func threads(striped: Bool) {
        let owner = CountOwner()
        if striped { owner.add(fraction: 0.25) }
        runOnThreads(Array(repeating: { for _ in 0..<250_000 { owner.add(1) } }, count: 4))
        #expect(owner.exchangeTotal() == (striped ? 1_000_000.25 : 1_000_000))
    }
}
