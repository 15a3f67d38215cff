@testable import Spectator

/// Calls `body` with the small-words key for `name` and `tags`; `nil` when they do not fit one.
func withSmallStringsKey<Result>(
    _ name: String,
    _ tags: [(key: String, value: String)],
    _ body: (SmallStringsKey) -> Result
) -> Result? {
    SmallStringsKey.withKey(name: name, tags: tags, seed: LookupHash.seed, body)
}

/// Calls `body` with the copied-strings key for `name` and `tags`.
func withCopiedStringsKey<Result>(
    _ name: String,
    _ tags: [(key: String, value: String)],
    _ body: (CopiedStringsKey) -> Result
) -> Result {
    CopiedStringsKey.withKey(name: name, tags: tags, seed: LookupHash.seed, body)
}
