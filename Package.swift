// swift-tools-version: 6.2
// 6.2: on Linux the library keeps a sketch's registers in an `InlineArray`.
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// CI's ThreadSanitizer pass sets SPECTATOR_TSAN=1. It checks this package's own concurrency, so it
// leaves out the HTTPS transport and its tests: AsyncHTTPClient, SwiftNIO and NIOSSL (BoringSSL) take
// minutes to build under the sanitizer, and the plain test pass runs those tests.
let withHTTPS = Context.environment["SPECTATOR_TSAN"] != "1"

let package = Package(
    name: "spectator-swift",
    // CI builds and tests on Linux (Glibc). The library reaches libc only through
    // `Sources/Spectator/Support/Platform*.swift`, whose Darwin branches follow swift-nio's and are
    // not run here. macOS 15: the first with Synchronization's `Atomic` (Darwin builds keep their atomics
    // in `AtomicCells` rather than an `InlineArray`, which would need 26).
    platforms: [.macOS(.v15)],
    products: [
        // The client: ids, meters, registry, publisher, UDP / Unix / plain-HTTP transports. No package
        // dependencies and no Foundation: the standard library, libc and the system zlib (gzip for
        // HTTP bodies).
        .library(name: "Spectator", targets: ["Spectator"]),
        // A swift-metrics backend.
        .library(name: "SpectatorMetrics", targets: ["SpectatorMetrics"]),
        // A swift-service-lifecycle `Service` that publishes, and a swift-log `LogSink`.
        .library(name: "SpectatorLifecycle", targets: ["SpectatorLifecycle"]),
        // A `SpectatorConfiguration` read through swift-configuration's `ConfigReader`.
        .library(name: "SpectatorConfigReader", targets: ["SpectatorConfigReader"]),
        // Reading back, in a service's own tests, what its code recorded.
        .library(name: "SpectatorTesting", targets: ["SpectatorTesting"]),
        .executable(name: "SpectatorExample", targets: ["SpectatorExample"]),
    ],
    dependencies: [
        // Only the integration products use these; the Spectator library itself uses none.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        // No traits: the reader needs none of the file formats, and the service's own package enables
        // the ones it reads.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: []),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's `mallinfo2` (in <malloc.h>, which the Glibc module leaves out), for process metrics.
        .target(name: "CMallocInfo"),
        .target(name: "Spectator", dependencies: ["CZlib", "CMallocInfo"], swiftSettings: strictSwift),
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
        .target(
            name: "SpectatorConfigReader",
            dependencies: ["Spectator", .product(name: "Configuration", package: "swift-configuration")],
            swiftSettings: strictSwift
        ),
        .target(name: "SpectatorTesting", dependencies: ["Spectator"], swiftSettings: strictSwift),
        .executableTarget(name: "SpectatorExample", dependencies: ["Spectator"], swiftSettings: strictSwift),
        // One test target per product. Helpers that several share (loopback listeners, a log
        // collector, the C library's socket spellings) are the Tests/Support target.
        .target(
            name: "SpectatorTestSupport",
            dependencies: ["Spectator"],
            path: "Tests/Support",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorTests",
            dependencies: ["Spectator", "SpectatorTestSupport", "CZlib"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorMetricsTests",
            dependencies: [
                "Spectator", "SpectatorMetrics", "SpectatorTestSupport",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorLifecycleTests",
            dependencies: [
                "Spectator", "SpectatorLifecycle", "SpectatorTestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        // A process of its own for the process-metrics tests: it opens descriptors, starts threads and
        // touches memory, publishing a step after each.
        .executableTarget(
            name: "ProcessMetricsProbe",
            dependencies: ["Spectator"],
            path: "Tests/ProcessMetricsProbe",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorConfigReaderTests",
            dependencies: [
                "Spectator", "SpectatorConfigReader",
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorTestingTests",
            dependencies: [
                "Spectator", "SpectatorTesting", "SpectatorMetrics",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSwift
        ),
    ]
)

if withHTTPS {
    // An `HTTPTransport` for `https://` receivers, on AsyncHTTPClient (SwiftNIO, NIOSSL).
    package.products.append(.library(name: "SpectatorHTTPS", targets: ["SpectatorHTTPS"]))
    package.dependencies += [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ]
    package.targets += [
        .target(
            name: "SpectatorHTTPS",
            dependencies: [
                "Spectator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorHTTPSTests",
            dependencies: [
                "Spectator", "SpectatorHTTPS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSwift
        ),
    ]
}
