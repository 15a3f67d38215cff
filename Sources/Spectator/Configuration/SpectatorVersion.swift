/// This library's version, as its publishers name themselves to a receiver.
///
/// ```swift
/// print(SpectatorVersion.userAgent)  // spectator-swift/0.1.0-dev
/// ```
public enum SpectatorVersion {
    /// The version: `-dev` until a release is tagged.
    public static let current = "0.1.0-dev"

    /// The `User-Agent` of every HTTP request a publisher sends, `spectator-swift/<version>`, as the
    /// family's publishers identify themselves.
    public static let userAgent = "spectator-swift/\(current)"
}
