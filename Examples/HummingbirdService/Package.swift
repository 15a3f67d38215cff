// swift-tools-version: 6.2
// A real HTTP service on Hummingbird 2, instrumented through swift-metrics (`SpectatorMetrics`) and
// published by `SpectatorService`; its test reads what the requests recorded with `SpectatorTesting`.
import PackageDescription

let package = Package(
    name: "HummingbirdService",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spectator-swift", path: "../.."),
        // Hummingbird reads its address through swift-configuration, as Spectator does; no full Foundation.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird",
            from: "2.28.1",
            traits: ["ConfigurationSupport"]
        ),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: []),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    ],
    targets: [
        .target(
            name: "HelloService",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "HelloServer",
            dependencies: [
                "HelloService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorConfigReader", package: "spectator-swift"),
                .product(name: "SpectatorLifecycle", package: "spectator-swift"),
                .product(name: "SpectatorMetrics", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "HelloServiceTests",
            dependencies: [
                "HelloService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorMetrics", package: "spectator-swift"),
                .product(name: "SpectatorTesting", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
