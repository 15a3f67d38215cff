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
        .library(name: "Spectator", targets: ["Spectator"])
    ],
    targets: [
        .target(name: "Spectator", swiftSettings: strictSwift),
        .testTarget(name: "SpectatorTests", dependencies: ["Spectator"], swiftSettings: strictSwift),
    ]
)
