/// Lets through the values seen most often, at most `limit` of them, and turns the rest into
/// ``CardinalityLimiters/others``. Make one with ``CardinalityLimiters/mostFrequent(_:clock:)``.
///
/// ```swift
/// let customers = CardinalityLimiters.mostFrequent(20)
/// registry.counter("orders", tags: ["customer": customers.limit(order.customer)]).increment()
/// ```
///
/// It counts every value. A value passes while its count is at least a cutoff, through an inner
/// ``FirstLimiter`` of `limit` values. At most every 10 minutes of the clock's wall time, once it
/// tracks more than `limit` values, it sorts them by count (then by value) and looks at the
/// `limit`-th count:
/// - When more than `limit` values lie within half of it (high churn), the cutoff rises above it —
///   above the top count when the counts are flat, so that everything becomes `others` — only the
///   top 10 × `limit` values stay tracked, the inner limiter starts again with the top `limit`, and a
///   churn counter is set (12 for a flat distribution) or bumped.
/// - Otherwise the cutoff becomes 90 % of that count, values below the top `limit` are forgotten,
///   every count decays by 10 %, and the churn counter goes down by one; at 0 the inner limiter
///   starts again empty, so that new values can get in (about two hours after a burst).
///
/// This is spectator-java's `CardinalityLimiters.mostFrequent`, with one bound of ours: it tracks at
/// most 100 × `limit` values (at least 1 000) between refreshes, and a new value that arrives while
/// it is full becomes `others` uncounted until a refresh frees room. Each call takes a lock and
/// looks its value up in a dictionary: keep it for tags that need it, and ``RollupLimiter`` or
/// ``FirstLimiter`` for the rest.
public final class MostFrequentLimiter: CardinalityLimiter {
    /// How often the cutoff is refreshed, in milliseconds.
    static let refreshMillis: Int64 = 10 * 60_000
    /// The churn counter after a flat distribution: about two hours of refreshes.
    static let maximumUpdatesWithHighChurn = 12

    private struct State {
        var counts: [String: Int64] = [:]
        var inner: FirstLimiter
        var refreshedMillis: Int64
        var cutoff: Int64 = 0
        var updatesWithHighChurn = 0
    }

    private let limit: Int
    private let maximumTracked: Int
    private let clock: any SpectatorClock
    private let state: Locked<State>

    init(_ limit: Int, clock: some SpectatorClock) {
        self.limit = max(0, min(limit, CardinalityLimiters.maximumLimit))
        maximumTracked = max(1_000, 100 * self.limit)
        self.clock = clock
        state = Locked(State(inner: FirstLimiter(self.limit), refreshedMillis: clock.wallTimeMillis()))
    }

    public func limit(_ value: String) -> String {
        state.withLock { state in
            let count: Int64
            if let previous = state.counts[value] {
                count = previous + 1
            } else if state.counts.count < maximumTracked {
                count = 1
            } else {
                return CardinalityLimiters.others
            }
            state.counts[value] = count
            guard count >= state.cutoff else { return CardinalityLimiters.others }
            refresh(&state)
            // The refresh may have raised the cutoff: the value must still make it.
            let limited = state.inner.limit(value)
            return count >= state.cutoff ? limited : CardinalityLimiters.others
        }
    }

    /// The cutoff a value's count must reach to pass (0 until the first refresh that moves it).
    public var cutoff: Int64 { state.withLock { $0.cutoff } }

    /// How many values it counts now.
    public var trackedCount: Int { state.withLock { $0.counts.count } }

    private func refresh(_ state: inout State) {
        let now = clock.wallTimeMillis()
        guard now - state.refreshedMillis > Self.refreshMillis, state.counts.count > limit, limit > 0 else { return }
        state.refreshedMillis = now
        let sorted = state.counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let maximum = sorted[0].value
        let (minimumKey, minimum) = sorted[min(limit, sorted.count) - 1]
        let delta = max(minimum / 2, 1)
        let closeToMinimum = sorted.count(where: { abs($0.value - minimum) <= delta })
        if closeToMinimum > limit {
            if maximum - minimum <= maximum / 2 {
                // The top is close to the cutoff: every value is likely churn.
                state.cutoff = max(state.cutoff, maximum + delta)
                state.updatesWithHighChurn = Self.maximumUpdatesWithHighChurn
            } else {
                // Cut the noisy tail without touching the values seen much more often.
                state.cutoff = max(state.cutoff, minimum + delta)
                if state.updatesWithHighChurn < Self.maximumUpdatesWithHighChurn { state.updatesWithHighChurn += 1 }
            }
            for (key, _) in sorted.dropFirst(10 * limit) { state.counts[key] = nil }
            let inner = FirstLimiter(limit)
            for (key, _) in sorted.prefix(limit) { _ = inner.limit(key) }
            state.inner = inner
        } else {
            state.cutoff = minimum - minimum / 10
            for (key, count) in sorted where count <= minimum && key > minimumKey { state.counts[key] = nil }
            // Decay, so that new values can catch up.
            state.counts = state.counts.mapValues { $0 - $0 / 10 }
            if state.updatesWithHighChurn > 0 { state.updatesWithHighChurn -= 1 }
            if state.updatesWithHighChurn == 0 { state.inner = FirstLimiter(limit) }
        }
    }
}
