// swift-tools-version: 6.2
// 6.2: on Linux the library keeps a sketch's registers in an `InlineArray`; SwiftPM leaves the
// dependencies of disabled traits out of resolution.
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// A dependency that only `trait` brings: with the trait off it is neither resolved nor built, and
/// the integration's sources, each inside `#if <trait>`, compile to nothing.
func product(_ name: String, _ package: String, when trait: String) -> Target.Dependency {
    .product(name: name, package: package, condition: .when(traits: [trait]))
}

let package = Package(
    name: "spectator-swift",
    // CI builds and tests on Linux (Glibc). The library reaches libc only through
    // `Sources/Spectator/Support/Platform*.swift`, whose Darwin branches follow swift-nio's and are
    // not run here. macOS 15: the first with Synchronization's `Atomic` (Darwin builds keep their atomics
    // in `AtomicCells` rather than an `InlineArray`, which would need 26).
    platforms: [.macOS(.v15)],
    products: [
        // The client: ids, meters, registry, publisher, UDP / Unix / plain-HTTP transports, Common IPC
        // metrics. No package dependencies and no Foundation: the standard library, libc and the
        // system zlib (gzip for HTTP bodies).
        .library(name: "Spectator", targets: ["Spectator"]),
        // Reading back, in a service's own tests, what its code recorded; checking IPC metrics.
        .library(name: "SpectatorTesting", targets: ["SpectatorTesting"]),
        // The integrations, each with the trait of the same purpose (see `traits`).
        .library(name: "SpectatorMetrics", targets: ["SpectatorMetrics"]),
        .library(name: "SpectatorLifecycle", targets: ["SpectatorLifecycle"]),
        .library(name: "SpectatorConfigReader", targets: ["SpectatorConfigReader"]),
        .library(name: "SpectatorHTTPS", targets: ["SpectatorHTTPS"]),
        .library(name: "SpectatorHummingbird", targets: ["SpectatorHummingbird"]),
        .library(name: "SpectatorVapor", targets: ["SpectatorVapor"]),
        .library(name: "SpectatorAsyncHTTPClient", targets: ["SpectatorAsyncHTTPClient"]),
        .executable(name: "SpectatorExample", targets: ["SpectatorExample"]),
    ],
    // None is on by default: a package that depends on `Spectator` alone resolves no other package.
    // A service names the ones it uses: `.package(url: …, branch: "main", traits: ["Metrics"])`.
    // Here, `swift test --enable-all-traits` builds and tests them all.
    traits: [
        .trait(name: "Metrics", description: "SpectatorMetrics: a swift-metrics backend"),
        .trait(
            name: "Lifecycle",
            description: "SpectatorLifecycle: a swift-service-lifecycle Service that publishes, a swift-log LogSink"
        ),
        .trait(name: "Configuration", description: "SpectatorConfigReader: settings read through swift-configuration"),
        .trait(name: "HTTPS", description: "SpectatorHTTPS: publishing to https:// receivers on AsyncHTTPClient"),
        .trait(name: "Hummingbird", description: "SpectatorHummingbird: Common IPC metrics for a Hummingbird 2 router"),
        .trait(name: "Vapor", description: "SpectatorVapor: Common IPC metrics for a Vapor 4 application"),
        .trait(
            name: "AsyncHTTPClient",
            description: "SpectatorAsyncHTTPClient: Common IPC metrics for the calls AsyncHTTPClient makes"
        ),
        .default(enabledTraits: []),
    ],
    dependencies: [
        // Only the integrations use these, each under its trait; the Spectator library uses none.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        // No traits: the reader needs none of the file formats, and the service's own package enables
        // the ones it reads.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's `mallinfo2` (in <malloc.h>, which the Glibc module leaves out), for process metrics.
        .target(name: "CMallocInfo"),
        .target(name: "Spectator", dependencies: ["CZlib", "CMallocInfo"], swiftSettings: strictSwift),
        .target(name: "SpectatorTesting", dependencies: ["Spectator"], swiftSettings: strictSwift),
        .target(
            name: "SpectatorMetrics",
            dependencies: ["Spectator", product("CoreMetrics", "swift-metrics", when: "Metrics")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SpectatorLifecycle",
            dependencies: [
                "Spectator",
                product("ServiceLifecycle", "swift-service-lifecycle", when: "Lifecycle"),
                product("Logging", "swift-log", when: "Lifecycle"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SpectatorConfigReader",
            dependencies: ["Spectator", product("Configuration", "swift-configuration", when: "Configuration")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SpectatorHTTPS",
            dependencies: [
                "Spectator",
                product("AsyncHTTPClient", "async-http-client", when: "HTTPS"),
                product("NIOConcurrencyHelpers", "swift-nio", when: "HTTPS"),
                product("NIOCore", "swift-nio", when: "HTTPS"),
                product("NIOHTTP1", "swift-nio", when: "HTTPS"),
                product("NIOPosix", "swift-nio", when: "HTTPS"),
                product("NIOSSL", "swift-nio-ssl", when: "HTTPS"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SpectatorHummingbird",
            dependencies: ["Spectator", product("Hummingbird", "hummingbird", when: "Hummingbird")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SpectatorVapor",
            dependencies: ["Spectator", product("Vapor", "vapor", when: "Vapor")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "SpectatorAsyncHTTPClient",
            dependencies: [
                "Spectator",
                product("AsyncHTTPClient", "async-http-client", when: "AsyncHTTPClient"),
                product("NIOCore", "swift-nio", when: "AsyncHTTPClient"),
                product("NIOPosix", "swift-nio", when: "AsyncHTTPClient"),
                product("NIOSSL", "swift-nio-ssl", when: "AsyncHTTPClient"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(name: "SpectatorExample", dependencies: ["Spectator"], swiftSettings: strictSwift),
        // One test target per product, and one helper target, Tests/Support: the loopback peers (UDP and
        // Unix datagram listeners, an HTTP server), the log collector, the wire-line parser, the C
        // library's socket names. What must reach the library's internal API (`@testable import`, which
        // only a test target may use) stays in the test target that needs it (SpectatorTests/Helpers).
        .target(
            name: "SpectatorTestSupport",
            dependencies: ["Spectator", "CZlib"],
            path: "Tests/Support",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorTests",
            dependencies: ["Spectator", "SpectatorTestSupport"],
            swiftSettings: strictSwift
        ),
        // The example program, run as a user runs it: a process, signals, a UDP listener.
        .testTarget(
            name: "SpectatorExampleTests",
            dependencies: ["SpectatorExample", "SpectatorTestSupport"],
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
            name: "SpectatorTestingTests",
            dependencies: [
                "Spectator", "SpectatorTesting", "SpectatorMetrics",
                product("Metrics", "swift-metrics", when: "Metrics"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorMetricsTests",
            dependencies: [
                "Spectator", "SpectatorMetrics", "SpectatorTestSupport",
                product("Metrics", "swift-metrics", when: "Metrics"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorLifecycleTests",
            dependencies: [
                "Spectator", "SpectatorLifecycle", "SpectatorTestSupport",
                product("ServiceLifecycle", "swift-service-lifecycle", when: "Lifecycle"),
                product("Logging", "swift-log", when: "Lifecycle"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorConfigReaderTests",
            dependencies: [
                "Spectator", "SpectatorConfigReader",
                product("Configuration", "swift-configuration", when: "Configuration"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorHTTPSTests",
            dependencies: [
                "Spectator", "SpectatorHTTPS",
                product("NIOCore", "swift-nio", when: "HTTPS"),
                product("NIOPosix", "swift-nio", when: "HTTPS"),
                product("NIOHTTP1", "swift-nio", when: "HTTPS"),
                product("NIOSSL", "swift-nio-ssl", when: "HTTPS"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorHummingbirdTests",
            dependencies: [
                "Spectator", "SpectatorHummingbird", "SpectatorTesting",
                product("Hummingbird", "hummingbird", when: "Hummingbird"),
                product("HummingbirdTesting", "hummingbird", when: "Hummingbird"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SpectatorVaporTests",
            dependencies: [
                "Spectator", "SpectatorVapor", "SpectatorTesting",
                product("Vapor", "vapor", when: "Vapor"),
                product("VaporTesting", "vapor", when: "Vapor"),
            ],
            swiftSettings: strictSwift
        ),
        // The upstream its calls go to is a Hummingbird server: both traits.
        .testTarget(
            name: "SpectatorAsyncHTTPClientTests",
            dependencies: [
                "Spectator", "SpectatorAsyncHTTPClient", "SpectatorTesting",
                product("AsyncHTTPClient", "async-http-client", when: "AsyncHTTPClient"),
                product("NIOCore", "swift-nio", when: "AsyncHTTPClient"),
                product("NIOPosix", "swift-nio", when: "AsyncHTTPClient"),
                product("Hummingbird", "hummingbird", when: "Hummingbird"),
            ],
            swiftSettings: strictSwift
        ),
    ]
)
