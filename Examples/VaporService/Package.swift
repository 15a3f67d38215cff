// swift-tools-version: 6.2
// A real HTTP service on Vapor 4 that reports the calls it serves as Common IPC metrics
// (`SpectatorVapor`), published by a `Publisher` that is stopped after the server; its tests read what
// the requests recorded with `SpectatorTesting`, and check that a request finishing during shutdown is
// in the last step.
import PackageDescription

let package = Package(
    name: "VaporService",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The trait of the integration it uses; a plain dependency would bring none.
        .package(name: "spectator-swift", path: "../..", traits: ["Vapor"]),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
    ],
    targets: [
        .target(
            name: "HelloVapor",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorVapor", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "VaporServer",
            dependencies: [
                "HelloVapor",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Spectator", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "HelloVaporTests",
            dependencies: [
                "HelloVapor",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Spectator", package: "spectator-swift"),
                .product(name: "SpectatorTesting", package: "spectator-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
