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
        .executable(name: "SpectatorExample", targets: ["SpectatorExample"]),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Spectator", dependencies: ["CZlib"], swiftSettings: strictSwift),
        .executableTarget(name: "SpectatorExample", dependencies: ["Spectator"], swiftSettings: strictSwift),
        .testTarget(name: "SpectatorTests", dependencies: ["Spectator", "CZlib"], swiftSettings: strictSwift),
    ]
)
