/// The tags added to every measurement, from the environment (as spectator-go's
/// [common_tags.go](https://github.com/Netflix/spectator-go/blob/HEAD/spectator/common_tags.go) takes them).
enum CommonTags {
    /// `nf.*` tags and the variables they come from, first match wins (Spectator's `NetflixTagging`).
    static let fromEnvironment: [(key: String, variables: [String])] = [
        ("nf.account", ["NETFLIX_ACCOUNT_ID", "EC2_OWNER_ID"]),
        ("nf.ami", ["EC2_AMI_ID"]),
        ("nf.app", ["NETFLIX_APP"]),
        ("nf.asg", ["NETFLIX_AUTO_SCALE_GROUP"]),
        ("nf.cluster", ["NETFLIX_CLUSTER"]),
        ("nf.container", ["NETFLIX_CONTAINER_NAME", "TITUS_CONTAINER_NAME"]),
        ("nf.node", ["NETFLIX_INSTANCE_ID", "TITUS_TASK_INSTANCE_ID", "EC2_INSTANCE_ID"]),
        ("nf.process", ["NETFLIX_PROCESS_NAME"]),
        ("nf.region", ["NETFLIX_REGION", "EC2_REGION"]),
        ("nf.shard1", ["NETFLIX_SHARD1"]),
        ("nf.shard2", ["NETFLIX_SHARD2"]),
        ("nf.stack", ["NETFLIX_STACK"]),
        ("nf.vmtype", ["EC2_INSTANCE_TYPE"]),
        ("nf.zone", ["EC2_AVAILABILITY_ZONE"]),
    ]

    /// The tags that describe this process rather than its host. A sidecar adds the host's own tags
    /// itself, so line-protocol outputs send only these (as the thin clients do).
    static let processKeys: Set<String> = ["nf.container", "nf.process"]

    /// The `nf.*` tags the environment defines; values are trimmed and blank ones ignored.
    static func netflixTags(in environment: [String: String]) -> [String: String] {
        var tags: [String: String] = [:]
        for (key, variables) in fromEnvironment {
            let value = variables.lazy.compactMap { environment[$0]?.trimmingWhitespace }.first { !$0.isEmpty }
            if let value { tags[key] = value }
        }
        return tags
    }

    /// Parses `key=value,key2=value2`; returns the pairs and the items that are not `key=value`.
    static func parse(_ text: String) -> (tags: [String: String], invalid: [String]) {
        var tags: [String: String] = [:]
        var invalid: [String] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingWhitespace
            let value = parts.count == 2 ? parts[1].trimmingWhitespace : ""
            if key.isEmpty || value.isEmpty {
                invalid.append(String(item))
            } else {
                tags[key] = value
            }
        }
        return (tags, invalid)
    }

    /// `tags` sanitised like a ``MeterId``'s and sorted by key.
    static func sanitized(_ tags: [String: String]) -> [Tag] {
        MeterId("common", tagPairs: tags).tags
    }
}
