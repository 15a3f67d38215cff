// swift-tools-version: 6.2
// The smallest program that publishes: a registry, one counter, a publisher to the configured
// output. `scripts/check-footprint.sh` builds it statically and checks what it links.
import PackageDescription

let package = Package(
    name: "MinimalPublisher",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "spectator-swift", path: "../..")],
    targets: [
        .executableTarget(
            name: "MinimalPublisher",
            dependencies: [.product(name: "Spectator", package: "spectator-swift")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
