// swift-tools-version: 6.2
// A real HTTP service on Hummingbird 2 that reports the calls it serves and makes as Common IPC
// metrics (`SpectatorHummingbird`, `SpectatorAsyncHTTPClient`), published by `SpectatorService`; its
// tests read what the requests recorded with `SpectatorTesting`.
import PackageDescription

let package = Package(
    name: "HummingbirdService",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The traits of the integrations it uses; a plain dependency would bring none of them.
        .package(
            name: "spectator-swift",
            path: "../..",
            traits: ["Hummingbird", "AsyncHTTPClient", "Lifecycle", "Configuration"]
        ),
        // Hummingbird reads its address through swift-configuration, as Spectator does.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird",
            from: "2.28.1",
            traits: ["ConfigurationSupport"]
        ),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    ],
    targets: [
        .target(
            name: "HelloService",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorHummingbird", package: "spectator-swift"),
                .product(name: "SpectatorAsyncHTTPClient", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "HelloServer",
            dependencies: [
                "HelloService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorConfigReader", package: "spectator-swift"),
                .product(name: "SpectatorLifecycle", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "HelloServiceTests",
            dependencies: [
                "HelloService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorTesting", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
