// swift-tools-version: 6.2
// 6.2: the library stores percentile buckets in an `InlineArray`.
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "spectator-swift",
    // Linux (Glibc) only: that is where it is built and tested. The library reaches libc through
    // `Sources/Spectator/Support/Platform*.swift`, which stop a build elsewhere with a message.
    products: [
        // The client: ids, meters, registry, publisher. No package dependencies. From the toolchain
        // it uses Foundation (`URL` is in its API; `URLSession`, the toolchain's only TLS, serves
        // `https://` receivers and nothing else) and the system zlib (gzip for HTTP bodies).
        .library(name: "Spectator", targets: ["Spectator"]),
        // A swift-metrics backend.
        .library(name: "SpectatorMetrics", targets: ["SpectatorMetrics"]),
        // A swift-service-lifecycle `Service` that publishes, and a swift-log `LogSink`.
        .library(name: "SpectatorLifecycle", targets: ["SpectatorLifecycle"]),
        .executable(name: "SpectatorExample", targets: ["SpectatorExample"]),
    ],
    dependencies: [
        // Only the integration products use these; the Spectator library itself uses none.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Spectator", dependencies: ["CZlib"], swiftSettings: strictSwift),
        .target(
            name: "SpectatorMetrics",
            dependencies: ["Spectator", .product(name: "CoreMetrics", package: "swift-metrics")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SpectatorLifecycle",
            dependencies: [
                "Spectator",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(name: "SpectatorExample", dependencies: ["Spectator"], swiftSettings: strictSwift),
        .testTarget(
            name: "SpectatorTests",
            dependencies: [
                "Spectator", "SpectatorMetrics", "SpectatorLifecycle", "CZlib",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
    ]
)
