// swift-tools-version: 6.2
// A real HTTP service on Vapor 4, instrumented through swift-metrics (`SpectatorMetrics`) and published
// by a `Publisher` that is stopped after the server; its tests read what the requests recorded with
// `SpectatorTesting`, and check that a request finishing during shutdown is in the last step.
import PackageDescription

let package = Package(
    name: "VaporService",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spectator-swift", path: "../.."),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "HelloVapor",
            dependencies: [.product(name: "Vapor", package: "vapor")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "VaporServer",
            dependencies: [
                "HelloVapor",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorMetrics", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "HelloVaporTests",
            dependencies: [
                "HelloVapor",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorMetrics", package: "spectator-swift"),
                .product(name: "SpectatorTesting", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
