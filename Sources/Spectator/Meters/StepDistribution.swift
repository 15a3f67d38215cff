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
    private let squares = AtomicDouble(0)
    private let maximum = AtomicDouble(0)

    init() {}

    /// Records a non-negative integral value.
    @inline(__always)
    func record(whole value: UInt64) {
        let previous = wholeTotal.wrappingAdd(value, ordering: .relaxed).oldValue
        if previous &+ value < previous {
            extraTotal.add(18_446_744_073_709_551_616.0)
        }
        let asDouble = Double(value)
        squares.add(asDouble * asDouble)
        maximum.raiseToMaximum(asDouble)
        count.wrappingAdd(1, ordering: .relaxed)
    }

    /// Records a finite, non-negative amount: on the integer cells when it is whole, else as a double.
    @inline(__always)
    func record(amount: Double) {
        if amount < 18_446_744_073_709_551_616, amount.rounded(.towardZero) == amount {
            record(whole: UInt64(amount))
        } else {
            record(fractional: amount)
        }
    }

    /// Records a finite, non-negative value with a fractional part.
    @inline(__always)
    func record(fractional value: Double) {
        extraTotal.add(value)
        squares.add(value * value)
        maximum.raiseToMaximum(value)
        count.wrappingAdd(1, ordering: .relaxed)
    }

    /// Appends `count`, the total, `totalOfSquares` and `max`, in the reported unit, if anything was recorded.
    ///
    /// - Parameters:
    ///   - divisor: divides the total and the maximum (1e9 turns timer nanoseconds into seconds);
    ///     the sum of squares is divided by its square. Powers of ten up to 1e22 are exact doubles,
    ///     so whole seconds come out exact.
    ///   - totalStatistic: `totalTime` for timers, `totalAmount` for summaries.
    func collect(
        id: MeterId,
        divisor: Double,
        totalStatistic: Statistic,
        into measurements: inout [MeterMeasurement]
    ) -> Bool {
        let count = count.exchange(0, ordering: .relaxed)
        let total = Double(wholeTotal.exchange(0, ordering: .relaxed)) + extraTotal.exchange(0)
        let squares = squares.exchange(0)
        let maximum = maximum.exchange(0)
        guard count > 0 || total > 0 || squares > 0 || maximum > 0 else { return false }
        measurements.append(MeterMeasurement(id: id, statistic: .count, value: Double(count), kind: .delta))
        measurements.append(MeterMeasurement(id: id, statistic: totalStatistic, value: total / divisor, kind: .delta))
        measurements.append(
            MeterMeasurement(id: id, statistic: .totalOfSquares, value: squares / (divisor * divisor), kind: .delta)
        )
        measurements.append(MeterMeasurement(id: id, statistic: .max, value: maximum / divisor, kind: .max))
        return true
    }
}
