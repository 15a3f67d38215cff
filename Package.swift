// swift-tools-version: 6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "spectator-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Spectator", targets: ["Spectator"]),
        .library(name: "SpectatorMetrics", targets: ["SpectatorMetrics"]),
        .executable(name: "SpectatorExample", targets: ["SpectatorExample"]),
    ],
    dependencies: [
        // Only the SpectatorMetrics backend uses it; the Spectator library itself depends on nothing.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0")
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Spectator", dependencies: ["CZlib"], swiftSettings: strictSwift),
        .target(
            name: "SpectatorMetrics",
            dependencies: ["Spectator", .product(name: "CoreMetrics", package: "swift-metrics")],
            swiftSettings: strictSwift
        ),
        .executableTarget(name: "SpectatorExample", dependencies: ["Spectator"], swiftSettings: strictSwift),
        .testTarget(
            name: "SpectatorTests",
            dependencies: ["Spectator", "SpectatorMetrics", "CZlib", .product(name: "Metrics", package: "swift-metrics")], swiftSettings: strictSwift),
    ]
)
