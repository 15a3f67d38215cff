import Foundation
import Testing

@testable import Spectator

/// A SpectatorD `U` meter as spectatord's `monotonic_counter_uint.cc` counts: the first sample is the
/// baseline, each later one counts its difference from the previous sample, wrapping past `UInt64.max`.
private struct ReferenceUnsignedMonotonic {
    private var previous: UInt64?
    private(set) var total: Double = 0

    mutating func sample(_ value: UInt64) {
        if let previous { total += Double(value &- previous) }
        previous = value
    }
}

@Suite("MonotonicCounterUInt64")
struct MonotonicCounterUInt64Tests {
    @Test("the first sample is the baseline; the step's growth is counted, across a wrap past UInt64.max")
    func wrap() {
        let registry = Registry()
        let sent = registry.monotonicCounterUInt64("net.bytesSent")
        #expect(stepLines(registry).isEmpty)
        sent.set(.max - 5)
        #expect(stepLines(registry).isEmpty)
        sent.set(.max - 3)
        sent.set(4)
        #expect(stepLines(registry) == ["c:net.bytesSent,statistic=count:10"])
        #expect(stepLines(registry).isEmpty)
        sent.set(1 << 60)
        #expect(stepLines(registry) == ["c:net.bytesSent,statistic=count:1.152921504606847e+18"])
    }

    @Test(
        "model: random samples and collections add up as SpectatorD's U meter adds up the same samples (growth between steps under 2⁶⁴)"
    )
    func model() {
        var random = SystemRandomNumberGenerator()
        let registry = Registry()
        let counter = registry.monotonicCounterUInt64("model")
        var reference = ReferenceUnsignedMonotonic()
        var published: Double = 0
        var value = UInt64.random(in: 0...UInt64.max, using: &random)
        for _ in 0..<10_000 {
            value &+= UInt64.random(in: 0...(1 << 50), using: &random)
            counter.set(value)
            reference.sample(value)
            if UInt8.random(in: 0..<4, using: &random) == 0 {
                published += registry.collect().reduce(0) { $0 + $1.value }
            }
        }
        published += registry.collect().reduce(0) { $0 + $1.value }
        // Each step's delta is one exact UInt64 difference turned into a Double; the sums agree to
        // the rounding of those conversions.
        #expect(abs(published - reference.total) <= reference.total * 1e-12)
    }
}
