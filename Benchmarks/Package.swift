// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "SpectatorBenchmarks",
    // As the library: macOS 15 is the first with Synchronization's `Atomic`.
    platforms: [.macOS(.v15)],
    dependencies: [
        // SpectatorMetrics, for the swift-metrics paths.
        .package(name: "spectator-swift", path: "../", traits: ["Metrics"]),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // The allocator's bytes in use and the resident size, for the memory-per-meter benchmarks.
        .target(name: "MemoryStats", path: "Sources/MemoryStats"),
        // The hot paths alone, ours and the peer's, for scripts/check-instructions.sh (callgrind).
        .executableTarget(
            name: "InstructionProbe",
            dependencies: [
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorMetrics", package: "spectator-swift"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/InstructionProbe",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Resident memory per counter in a fresh process, ours and swift-prometheus'.
        .executableTarget(
            name: "ResidentMemoryProbe",
            dependencies: [
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                "MemoryStats",
            ],
            path: "Sources/ResidentMemoryProbe",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "SpectatorBenchmarks",
            dependencies: [
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorMetrics", package: "spectator-swift"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                "MemoryStats",
            ],
            path: "Benchmarks/SpectatorBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
