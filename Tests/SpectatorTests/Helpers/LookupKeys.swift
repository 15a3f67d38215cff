@testable import Spectator

/// Calls `body` with the small-words key for `name` and `tags`; `nil` when they do not fit one.
func withStringWordsKey<Result>(
    _ name: String,
    _ tags: [(key: String, value: String)],
    _ body: (StringWordsKey) -> Result
) -> Result? {
    StringWordsKey.withKey(name: name, tags: tags, seed: LookupHash.seed, body)
}

/// Calls `body` with the spelled-bytes key for `name` and `tags`.
func withWireBytesKey<Result>(
    _ name: String,
    _ tags: [(key: String, value: String)],
    _ body: (WireBytesKey) -> Result
) -> Result {
    WireBytesKey.withKey(name: name, tags: tags, seed: LookupHash.seed, body)
}
