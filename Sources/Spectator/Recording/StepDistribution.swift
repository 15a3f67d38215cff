import Synchronization

/// The four statistics of a timer or distribution summary, accumulated for one step.
///
/// Integral values take the cheap road: one `wrappingAdd` each for the count and the total. Only the
/// sum of squares (which overflows 64 bits after a few one-second records in nanoseconds) and a new
/// maximum need a compare-and-swap, and the maximum's runs only when the value is a new maximum.
struct StepDistribution: ~Copyable, Sendable {
    private let count = Atomic<UInt64>(0)
    private let wholeTotal = Atomic<UInt64>(0)
    /// Fractional amounts, plus 2⁶⁴ whenever `wholeTotal` wraps, so no amount is ever lost.
    private let extraTotal = AtomicDouble(0)
    /// 2⁶⁴: what `wholeTotal` loses when it wraps, and the first amount it cannot hold.
    private static let wholeTotalWrap = 18_446_744_073_709_551_616.0
    private let squares = AtomicDouble(0)
    private let maximum = AtomicDouble(0)

    init() {}

    /// Records a non-negative integral value; `counting: false` leaves the count to the caller (a
    /// percentile meter derives it from its buckets).
    @inline(__always)
    func record(whole value: UInt64, counting: Bool = true) {
        let previous = wholeTotal.wrappingAdd(value, ordering: .relaxed).oldValue
        if previous &+ value < previous {
            extraTotal.add(Self.wholeTotalWrap)
        }
        let asDouble = Double(value)
        squares.add(asDouble * asDouble)
        maximum.raiseToMaximum(asDouble)
        if counting { count.wrappingAdd(1, ordering: .relaxed) }
    }

    /// Records a finite, non-negative amount: on the integer cells when it is whole, else as a double.
    @inline(__always)
    func record(amount: Double, counting: Bool = true) {
        if amount < Self.wholeTotalWrap, amount.rounded(.towardZero) == amount {
            record(whole: UInt64(amount), counting: counting)
        } else {
            record(fractional: amount, counting: counting)
        }
    }

    /// Records a finite, non-negative value with a fractional part.
    @inline(__always)
    func record(fractional value: Double, counting: Bool = true) {
        extraTotal.add(value)
        squares.add(value * value)
        maximum.raiseToMaximum(value)
        if counting { count.wrappingAdd(1, ordering: .relaxed) }
    }

    /// Writes `count`, the total, `totalOfSquares` and `max`, in the reported unit, if anything was recorded.
    ///
    /// - Parameters:
    ///   - divisor: divides the total and the maximum (1e9 turns timer nanoseconds into seconds);
    ///     the sum of squares is divided by its square. Powers of ten up to 1e22 are exact doubles,
    ///     so whole seconds come out exact.
    ///   - totalStatistic: `totalTime` for timers, `totalAmount` for summaries.
    ///   - counted: the count, for a caller that records with `counting: false`.
    func collect<Writer: MeasurementWriter>(
        id: MeterId,
        divisor: Double,
        totalStatistic: Statistic,
        counted: UInt64? = nil,
        into writer: inout Writer
    ) -> Bool {
        let count = counted ?? count.exchange(0, ordering: .relaxed)
        let total = Double(wholeTotal.exchange(0, ordering: .relaxed)) + extraTotal.exchange(0)
        let squares = squares.exchange(0)
        let maximum = maximum.exchange(0)
        guard count > 0 || total > 0 || squares > 0 || maximum > 0 else { return false }
        writer.emit(id, .count, Double(count), .delta)
        writer.emit(id, totalStatistic, total / divisor, .delta)
        writer.emit(id, .totalOfSquares, squares / (divisor * divisor), .delta)
        writer.emit(id, .max, maximum / divisor, .max)
        return true
    }
}
