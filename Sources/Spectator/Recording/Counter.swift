/// Counts events: each step publishes the sum of the increments in that step (`statistic=count`).
///
/// ```swift
/// let requests = registry.counter("server.requestCount", tags: ["status": "200"])
/// requests.increment()
/// requests.increment(by: 3)
/// ```
///
/// Only finite, positive amounts count; zero, negative, NaN and infinite amounts are ignored.
/// Whole increments cost one atomic add on the counter's own cell, and spread over per-thread
/// stripes once threads hammer it together; fractional ones a compare-and-swap on a double kept
/// beside the stripes (16 cache lines and a word, allocated by the first fractional increment).
public final class Counter: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    @usableFromInline let count = StripedCount()

    @usableFromInline static let noop = Counter(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
    }

    /// Adds one.
    @inlinable @inline(__always)
    public func increment() {
        count.add(1, leaveMark: { sample() })
    }

    /// Adds `amount` if it is positive.
    @inlinable @inline(__always)
    public func increment(by amount: Int) {
        guard amount > 0 else { return }
        count.add(UInt64(amount), leaveMark: { sample() })
    }

    /// Adds `amount` if it is finite and positive.
    @inline(__always)
    public func increment(by amount: Double) {
        guard amount > 0, amount.isFinite else { return }
        // Whole amounts go to the integer count, which is exact; the bound leaves the count's 64 bits
        // room for 2¹¹ of the largest before it wraps.
        if amount < .exactIntegerLimit, amount.rounded(.towardZero) == amount {
            count.add(UInt64(amount), leaveMark: { sample() })
        } else {
            count.add(fraction: amount)
        }
    }

    /// Out of line: leaves a contention mark (one add in 1 024).
    @usableFromInline @inline(never)
    func sample() {
        count.sample()
    }

    /// Whether the count has spread over per-thread stripes (or holds a fraction beside them).
    var isStriped: Bool { count.isStriped }

    @usableFromInline static var kind: MeterKind { .counter }

    @usableFromInline
    func collect<Writer: MeasurementWriter>(into writer: inout Writer) -> Bool {
        let total = count.exchangeTotal()
        guard total > 0 else { return false }
        writer.emit(id, id.hasOwnStatistic ? nil : .count, total, .delta)
        return true
    }
}
