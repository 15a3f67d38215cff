/// The recording API distribution summaries share.
///
/// Negative, NaN and infinite amounts are ignored; zero is recorded.
public protocol AmountRecording: AnyObject, Sendable {
    /// Records an integral amount; negative values are ignored.
    func record(_ amount: Int)
    /// Records an amount; negative, NaN and infinite values are ignored.
    func record(_ amount: Double)
}
