import Synchronization
import Testing

@testable import Spectator

@Suite("CardinalityLimiters")
struct CardinalityLimiterTests {
    @Test("first(n): the first n distinct values pass, every later new one is --others-- for good")
    func first() {
        let limiter = CardinalityLimiters.first(3)
        #expect(["a", "b", "a", "c"].map(limiter.limit) == ["a", "b", "a", "c"])
        #expect(limiter.limit("d") == "--others--")
        #expect(["c", "b", "a", "d", "e"].map(limiter.limit) == ["c", "b", "a", "--others--", "--others--"])
        #expect(limiter.admittedCount == 3)
    }

    @Test(
        "first(n) takes at most 100 values, and none for a limit of 0 or less",
        arguments: [(0, 0), (-5, 0), (250, 100)]
    )
    func firstBounds(limit: Int, admitted: Int) {
        let limiter = CardinalityLimiters.first(limit)
        let passed = (0..<300).map { limiter.limit("value-\($0)") }.filter { $0 != CardinalityLimiters.others }
        #expect(passed.count == admitted)
        #expect(limiter.admittedCount == admitted)
    }

    @Test("rollup(n): n distinct values pass; the next new one rolls every value up, old ones too")
    func rollup() {
        let limiter = CardinalityLimiters.rollup(2)
        #expect(["/a", "/b", "/a", "/b"].map(limiter.limit) == ["/a", "/b", "/a", "/b"])
        #expect(!limiter.isRolledUp)
        #expect(limiter.limit("/c") == "--auto-rollup--")
        #expect(limiter.isRolledUp)
        #expect(["/a", "/b", "/c", "/d"].map(limiter.limit) == Array(repeating: "--auto-rollup--", count: 4))
    }

    @Test("long and non-ASCII values are told apart by their bytes, not only by their hash")
    func longValues() {
        let limiter = CardinalityLimiters.first(2)
        let long = String(repeating: "/segment", count: 1_250)  // 10 000 bytes
        let longOther = long + "x"
        #expect(limiter.limit(long) == long)
        #expect(limiter.limit("ünïcødé") == "ünïcødé")
        #expect(limiter.limit(longOther) == "--others--")
        #expect(limiter.limit(String(long)) == long)
    }

    @Test("four threads offering 1 000 values each to first(50) and rollup(50): exactly 50 pass, each always")
    func threads() {
        let first = CardinalityLimiters.first(50)
        let rollup = CardinalityLimiters.rollup(1_000)
        let mismatches = Atomic(0)
        let offer: @Sendable () -> Void = {
            for round in 0..<20 {
                for index in 0..<1_000 {
                    let value = "endpoint-\((index * 7 + round) % 1_000)"
                    let limited = first.limit(value)
                    if limited != value && limited != CardinalityLimiters.others {
                        mismatches.add(1, ordering: .relaxed)
                    }
                    if rollup.limit(value) != value { mismatches.add(1, ordering: .relaxed) }
                }
            }
        }
        runOnThreads([offer, offer, offer, offer])
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect(first.admittedCount == 50)
        let passing = (0..<1_000).filter { first.limit("endpoint-\($0)") != CardinalityLimiters.others }
        #expect(passing.count == 50)
        #expect(!rollup.isRolledUp)
        #expect(rollup.limit("endpoint-1000") == "--auto-rollup--")
    }

    @Test("mostFrequent(n) on a skewed stream keeps its top values and turns the tail into --others--")
    func mostFrequentSkewed() {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let limiter = CardinalityLimiters.mostFrequent(3, clock: clock)
        for (value, count) in [("a", 1_000), ("b", 500), ("c", 300)] {
            for _ in 0..<count { #expect(limiter.limit(value) == value) }
        }
        for index in 0..<50 {
            #expect(limiter.limit("rare-\(index)") == "--others--")
            #expect(limiter.limit("rare-\(index)") == "--others--")
        }
        clock.advance(by: .seconds(660))
        // The first call after ten minutes refreshes: the cutoff becomes 90 % of the third count.
        #expect(limiter.limit("a") == "a")
        #expect(limiter.cutoff == 270)
        #expect(limiter.trackedCount == 3)
        #expect(limiter.limit("b") == "b")
        #expect(limiter.limit("c") == "c")
        #expect(limiter.limit("rare-1") == "--others--")
        #expect(limiter.limit("new") == "--others--")
    }

    @Test(
        "mostFrequent(n) on a flat stream rolls everything into --others--, and new values get in after the churn runs down"
    )
    func mostFrequentFlatThenChurnRunsDown() {
        let clock = ManualClock(wallTimeMillis: 1_700_000_000_000)
        let limiter = CardinalityLimiters.mostFrequent(3, clock: clock)
        for _ in 0..<10 {
            for index in 0..<40 { _ = limiter.limit("flat-\(index)") }
        }
        clock.advance(by: .seconds(660))
        // Flat: the cutoff rises above the top count, so that every value becomes --others--.
        #expect(limiter.limit("flat-0") == "--others--")
        #expect(limiter.cutoff > 11)
        #expect(limiter.trackedCount == 30)
        #expect((0..<40).allSatisfy { limiter.limit("flat-\($0)") == "--others--" })

        // Then three hot values and a rare one, for twelve refreshes: the churn counter (12) runs down
        // by one each, and only when it reaches 0 does the inner limiter start again and let them in.
        var passedAfterRefresh: [Bool] = []
        for _ in 0..<13 {
            for (value, count) in [("a", 1_000), ("b", 800), ("c", 600)] {
                for _ in 0..<count { _ = limiter.limit(value) }
            }
            // A rare value: a refresh needs more values tracked than the limit.
            #expect(limiter.limit("d") == "--others--")
            clock.advance(by: .seconds(660))
            _ = limiter.limit("b")  // refreshes
            passedAfterRefresh.append(limiter.limit("a") == "a")
        }
        #expect(passedAfterRefresh == Array(repeating: false, count: 11) + [true, true])
        #expect(limiter.limit("flat-1") == "--others--")
    }

    @Test("mostFrequent(n) refreshes no sooner than every ten minutes")
    func mostFrequentRefreshInterval() {
        let clock = ManualClock(wallTimeMillis: 0)
        let limiter = CardinalityLimiters.mostFrequent(1, clock: clock)
        for _ in 0..<100 { _ = limiter.limit("a") }
        for _ in 0..<10 { _ = limiter.limit("b") }
        clock.advance(by: .seconds(600))
        _ = limiter.limit("a")
        #expect(limiter.cutoff == 0)
        clock.advance(by: .milliseconds(1))
        _ = limiter.limit("a")
        #expect(limiter.cutoff == 92)
        #expect(limiter.limit("b") == "--others--")
    }
}
