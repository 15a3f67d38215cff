import Synchronization

/// Counts events: each step publishes the sum of the increments in that step (`statistic=count`).
///
/// ```swift
/// let requests = registry.counter("server.requestCount", tags: ["status": "200"])
/// requests.increment()
/// requests.increment(by: 3)
/// ```
///
/// Only finite, positive amounts count; zero, negative, NaN and infinite amounts are ignored.
/// Whole increments cost one atomic add; fractional ones a compare-and-swap.
public final class Counter: Sendable, RegisteredMeter {
    /// The meter's identity.
    public let id: MeterId

    private let whole = Atomic<UInt64>(0)
    private let fraction = AtomicDouble(0)
    private let statistic: Statistic?

    @usableFromInline static let noop = Counter(id: .noop)

    @usableFromInline
    init(id: MeterId) {
        self.id = id
        statistic = id.value(forTag: "statistic") == nil ? .count : nil
    }

    /// Adds one.
    @inline(__always)
    public func increment() {
        whole.wrappingAdd(1, ordering: .relaxed)
    }

    /// Adds `amount` if it is positive.
    @inline(__always)
    public func increment(by amount: Int) {
        guard amount > 0 else { return }
        whole.wrappingAdd(UInt64(amount), ordering: .relaxed)
    }

    /// Adds `amount` if it is finite and positive.
    @inline(__always)
    public func increment(by amount: Double) {
        guard amount > 0, amount.isFinite else { return }
        if amount < 9_007_199_254_740_992, amount.rounded(.towardZero) == amount {
            whole.wrappingAdd(UInt64(amount), ordering: .relaxed)
        } else {
            fraction.add(amount)
        }
    }

    @usableFromInline
    func collect(into measurements: inout [Measurement]) -> Bool {
        let total = Double(whole.exchange(0, ordering: .relaxed)) + fraction.exchange(0)
        guard total > 0 else { return false }
        measurements.append(Measurement(id: id, statistic: statistic, value: total, kind: .delta))
        return true
    }
}
