// swift-tools-version:6.1
// The Charter platform: gRPC services (nghttp2 + protobuf-c + SQLite) for the Next Generation
// Learning Charter. See README.md for the module map.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
  // Nonisolated async functions run on their caller's executor (SE-0461): no executor switch
  // on every call into one, which the RPC hot path makes several times per request.
  .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

/// Hummingbird's protocols are declared without SE-0461: the gateway's middleware and handlers
/// keep Swift 6's default async semantics so they match them.
let gatewaySwiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

/// The RPC hot path (wire codecs, per-call state) in release builds: no dynamic exclusivity
/// checks, which cost a few percent of a call's CPU; debug builds and tests keep them.
let hotPathSwiftSettings: [SwiftSetting] =
  swiftSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let nio: [Target.Dependency] = [
  .product(name: "NIOCore", package: "swift-nio"),
  .product(name: "NIOPosix", package: "swift-nio"),
]
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
  name: "charter",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "charter-registry", targets: ["RegistryServer"]),
    .executable(name: "charter-self-review", targets: ["SelfReviewServer"]),
    .executable(name: "charter-accreditation", targets: ["AccreditationServer"]),
    .executable(name: "charter-evaluation", targets: ["EvaluationServer"]),
    .executable(name: "charter-public-map", targets: ["PublicMapServer"]),
    .executable(name: "charter-gateway", targets: ["GatewayServer"]),
    .executable(name: "charter", targets: ["CharterCLI"]),
    .executable(name: "charter-interop-server", targets: ["InteropServer"]),
    .executable(name: "charter-demo-data", targets: ["DemoDataGenerator"]),
    .executable(name: "charter-grpc-bench", targets: ["GRPCClientBenchmark"]),
    .executable(name: "charter-service-bench", targets: ["ServiceBenchmark"]),
    .executable(name: "charter-map-bench", targets: ["MapBenchmark"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
    .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
    .package(url: "https://github.com/vapor/jwt-kit.git", exact: "5.8.0"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
    .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
    .package(
      url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1", traits: ["FullFoundation"]),
    .package(url: "https://github.com/adam-fowler/compress-nio.git", exact: "1.5.0"),
  ],
  targets: [
    // C libraries from Debian packages, found through pkg-config.
    .systemLibrary(
      name: "CNGHTTP2", path: "Shared/CNGHTTP2", pkgConfig: "libnghttp2",
      providers: [.apt(["libnghttp2-dev"])]),
    .systemLibrary(
      name: "CSQLite", path: "Shared/CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CProtobufC", path: "Shared/CProtobufC", pkgConfig: "libprotobuf-c",
      providers: [.apt(["libprotobuf-c-dev"])]),
    .systemLibrary(
      name: "CCairo", path: "Shared/CCairo", pkgConfig: "cairo",
      providers: [.apt(["libcairo2-dev"])]),

    // Contracts: protoc-c output (C) and its generated Swift face. Regenerate with
    // Tools/generate.sh; never edit by hand.
    .target(
      name: "CContracts", dependencies: ["CProtobufC"], path: "Shared/CContracts",
      sources: ["generated"], publicHeadersPath: "include"),
    .target(
      name: "Contracts", dependencies: ["RPCCore", "CharterValues", "CContracts", "CProtobufC"],
      path: "Shared/Contracts", exclude: ["README.md"], swiftSettings: hotPathSwiftSettings),

    // RPC runtime: transport-independent core (with the in-process transport), and gRPC over
    // HTTP/2 on nghttp2 + SwiftNIO.
    .target(name: "RPCCore", path: "Shared/RPCCore", swiftSettings: hotPathSwiftSettings),
    .target(
      name: "RPCHTTP2", dependencies: ["RPCCore", "CNGHTTP2", logging] + nio,
      path: "Shared/RPCHTTP2", swiftSettings: hotPathSwiftSettings),

    // The Charter's own value types (URNs, pages, text fields, dates, the service roster), with
    // the one rule for each, shared by services, Identity, the CLI and the demo data.
    .target(
      name: "CharterValues", dependencies: ["RPCCore"], path: "Shared/CharterValues", swiftSettings: swiftSettings),

    // Storage: SQLite with transactions, migrations and an event outbox.
    .target(
      name: "Storage", dependencies: ["CSQLite"], path: "Shared/Storage",
      swiftSettings: swiftSettings),

    // What every service executable shares: config, logging, health, interceptors, run loop.
    .target(
      name: "ServiceKit",
      dependencies: [
        "RPCCore", "RPCHTTP2", "Contracts", "CharterValues", "Storage", "Identity", logging,
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "CoreMetrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ] + nio,
      path: "Shared/ServiceKit", swiftSettings: swiftSettings),

    // Who is calling: signed tokens (issued by the registry, verified by every service), the
    // caller's roles, and the rules that read them.
    .target(
      name: "Identity",
      dependencies: [
        "RPCCore", "Contracts", "CharterValues", .product(name: "JWTKit", package: "jwt-kit"),
      ],
      path: "Shared/Identity", swiftSettings: swiftSettings),

    // The registry's schools as other services keep them, from its event feed.
    .target(
      name: "RegistryReplica", dependencies: ["CharterValues", "Contracts", "Storage", "ServiceKit", logging],
      path: "Shared/RegistryReplica", swiftSettings: swiftSettings),

    // Registry: schools, people, roles, sign-in.
    .target(
      name: "RegistryService",
      dependencies: [
        "RPCCore", "CharterValues", "Contracts", "Storage", "ServiceKit", "Identity", logging,
        .product(name: "CryptoExtras", package: "swift-crypto"),
      ],
      path: "Services/Registry/RegistryService", swiftSettings: swiftSettings),
    .executableTarget(
      name: "RegistryServer", dependencies: ["RegistryService", "ServiceKit", "CharterValues"],
      path: "Services/Registry/RegistryServer", swiftSettings: swiftSettings),

    // The `charter` CLI: the typed internal client for operators.
    .target(
      name: "CharterCommands",
      dependencies: [
        "RPCCore", "RPCHTTP2", "CharterValues", "Contracts", "Identity", "DemoData",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/CharterCLI/CharterCommands", swiftSettings: swiftSettings),
    .executableTarget(
      name: "CharterCLI", dependencies: ["CharterCommands"], path: "Tools/CharterCLI/CharterCLI",
      swiftSettings: swiftSettings),

    // gRPC's standard interop TestService, to prove conformance against stock gRPC clients.
    .target(
      name: "InteropService", dependencies: ["RPCCore", "Contracts"],
      path: "Tools/Interop/InteropService", swiftSettings: swiftSettings),
    .executableTarget(
      name: "InteropServer", dependencies: ["InteropService", "ServiceKit", "CharterValues"],
      path: "Tools/Interop/InteropServer", swiftSettings: swiftSettings),

    // Self-review: the ICT framework as versioned data, ratings, status, benchmarks.
    .target(
      name: "SelfReviewService",
      dependencies: [
        "RPCCore", "CharterValues", "Contracts", "Storage", "ServiceKit", "Identity", "RegistryReplica", logging,
      ],
      path: "Services/SelfReview/SelfReviewService",
      resources: [
        .embedInCode("Frameworks/srf-2008.json"),
        .embedInCode("Frameworks/srf-2010.json"),
        .embedInCode("Frameworks/srf-2008-to-srf-2010.json"),
      ],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "SelfReviewServer", dependencies: ["SelfReviewService", "ServiceKit", "CharterValues"],
      path: "Services/SelfReview/SelfReviewServer", swiftSettings: swiftSettings),
    .testTarget(
      name: "SelfReviewServiceTests",
      dependencies: [
        "CharterValues",
        "SelfReviewService", "RegistryService", "Contracts", "RPCCore", "RPCHTTP2", "Storage", "ServiceKit", "Identity",
        "TestSupport", logging,
      ],
      path: "Tests/SelfReviewServiceTests", swiftSettings: swiftSettings),

    // Accreditation: every school's Charter level, Recognised with a referee, deadlines,
    // Excellence Awards, and signed certificates rendered with cairo.
    .target(
      name: "AccreditationService",
      dependencies: [
        "RPCCore", "CharterValues", "Contracts", "Storage", "ServiceKit", "Identity", "RegistryReplica", "CCairo",
        logging, .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "CryptoExtras", package: "swift-crypto"),
      ],
      path: "Services/Accreditation/AccreditationService", swiftSettings: swiftSettings),
    .executableTarget(
      name: "AccreditationServer", dependencies: ["AccreditationService", "ServiceKit", "CharterValues"],
      path: "Services/Accreditation/AccreditationServer", swiftSettings: swiftSettings),
    .testTarget(
      name: "AccreditationServiceTests",
      dependencies: [
        "CharterValues", "AccreditationService", "RegistryService", "SelfReviewService", "Contracts", "RPCCore",
        "RPCHTTP2", "Storage", "ServiceKit", "Identity", "RegistryReplica", "TestSupport", logging,
      ],
      path: "Tests/AccreditationServiceTests", swiftSettings: swiftSettings),
    // Evaluation: ICT Mark assessors and applications, from application to award and expiry.
    .target(
      name: "EvaluationService",
      dependencies: [
        "RPCCore", "CharterValues", "Contracts", "Storage", "ServiceKit", "Identity", "RegistryReplica", logging,
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Services/Evaluation/EvaluationService", swiftSettings: swiftSettings),
    .executableTarget(
      name: "EvaluationServer", dependencies: ["EvaluationService", "ServiceKit", "CharterValues"],
      path: "Services/Evaluation/EvaluationServer", swiftSettings: swiftSettings),
    .testTarget(
      name: "EvaluationServiceTests",
      dependencies: [
        "CharterValues", "EvaluationService", "RegistryService", "SelfReviewService", "RegistryReplica", "Contracts",
        "RPCCore", "RPCHTTP2", "Storage", "ServiceKit", "Identity", "TestSupport", logging,
      ],
      path: "Tests/EvaluationServiceTests", swiftSettings: swiftSettings),

    // Public map: the read model of publicly listed schools and their levels (R*Tree, FTS5,
    // server-side clusters, statistics), built only from the registry's and accreditation's feeds.
    .target(
      name: "PublicMapService",
      dependencies: ["RPCCore", "CharterValues", "Contracts", "Storage", "ServiceKit", "RegistryReplica", logging],
      path: "Services/PublicMap/PublicMapService", exclude: ["Data/PROVENANCE.md"],
      resources: [.embedInCode("Data/local-authority-centroids.csv")], swiftSettings: swiftSettings),
    .executableTarget(
      name: "PublicMapServer", dependencies: ["PublicMapService", "ServiceKit", "CharterValues"],
      path: "Services/PublicMap/PublicMapServer", swiftSettings: swiftSettings),
    .testTarget(
      name: "PublicMapServiceTests",
      dependencies: [
        "CharterValues", "PublicMapService", "RegistryService", "AccreditationService", "Contracts", "RPCCore",
        "RPCHTTP2", "Storage", "ServiceKit", "Identity", "RegistryReplica", "TestSupport", logging,
      ],
      path: "Tests/PublicMapServiceTests", swiftSettings: swiftSettings),

    // Gateway: the public HTTP API and the map page on Hummingbird 2, in front of public-map and
    // accreditation over gRPC; it stores nothing.
    .target(
      name: "GatewayService",
      dependencies: [
        "RPCCore", "RPCHTTP2", "CharterValues", "Contracts", "ServiceKit", logging,
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "CompressNIO", package: "compress-nio"),
        .product(name: "CoreMetrics", package: "swift-metrics"),
      ] + nio,
      path: "Services/Gateway/GatewayService",
      resources: [
        .embedInCode("Page/index.html"), .embedInCode("Page/app.js"), .embedInCode("Page/app.css"),
        .embedInCode("Page/gb-outline.geojson"), .embedInCode("API/openapi.json"),
      ],
      swiftSettings: gatewaySwiftSettings),
    .executableTarget(
      name: "GatewayServer", dependencies: ["GatewayService", "ServiceKit", "CharterValues", logging],
      path: "Services/Gateway/GatewayServer", swiftSettings: gatewaySwiftSettings),
    .testTarget(
      name: "GatewayServiceTests",
      dependencies: [
        "CharterValues", "GatewayService", "PublicMapService", "Contracts", "RPCCore", "RPCHTTP2", "ServiceKit",
        "Storage", "TestSupport", logging, .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "CompressNIO", package: "compress-nio"),
      ],
      path: "Tests/GatewayServiceTests", swiftSettings: gatewaySwiftSettings),

    // Demo data: an England-sized, deterministic set of schools (and their self-reviews).
    .target(
      name: "DemoData", dependencies: ["CharterValues"], path: "Tools/DemoData/DemoData", swiftSettings: swiftSettings),
    .executableTarget(
      name: "DemoDataGenerator", dependencies: ["DemoData"], path: "Tools/DemoData/DemoDataGenerator",
      swiftSettings: swiftSettings),
    .testTarget(
      name: "DemoDataTests", dependencies: ["CharterValues", "DemoData"], path: "Tests/DemoDataTests",
      swiftSettings: swiftSettings),

    // The Swift client's own benchmark (Benchmarks/grpc-server.sh drives it).
    .executableTarget(
      name: "GRPCClientBenchmark", dependencies: ["RPCHTTP2", "RPCCore", "Contracts"] + nio,
      path: "Benchmarks/GRPCClientBenchmark", swiftSettings: swiftSettings),
    .executableTarget(
      name: "ServiceBenchmark", dependencies: ["RPCHTTP2", "RPCCore", "CharterValues", "Contracts", "Identity"] + nio,
      path: "Benchmarks/ServiceBenchmark", swiftSettings: swiftSettings),

    .executableTarget(
      name: "MapBenchmark", dependencies: ["PublicMapService", "CharterValues", "Storage", "ServiceKit"],
      path: "Benchmarks/MapBenchmark", swiftSettings: swiftSettings),

    // Test support shared by the suites that start processes, and the processes they start.
    .target(name: "TestSupport", path: "Tests/Support/TestSupport", swiftSettings: swiftSettings),
    .executableTarget(
      name: "RegistryFeedProbe",
      dependencies: ["ServiceKit", "Storage", "Contracts", "RPCCore", "RPCHTTP2", "Identity", logging],
      path: "Tests/Support/RegistryFeedProbe", swiftSettings: swiftSettings),

    .testTarget(
      name: "CharterValuesTests", dependencies: ["CharterValues", "RPCCore"], path: "Tests/CharterValuesTests",
      swiftSettings: swiftSettings),
    .testTarget(
      name: "IdentityTests", dependencies: ["CharterValues", "Identity", "RPCCore", "Contracts"],
      path: "Tests/IdentityTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistryServiceTests",
      dependencies: [
        "CharterValues",
        "RegistryService", "Identity", "RPCCore", "RPCHTTP2", "Contracts", "Storage", "ServiceKit", "TestSupport",
      ],
      path: "Tests/RegistryServiceTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "CharterCommandsTests",
      dependencies: [
        "CharterValues",
        "CharterCommands", "RPCCore", "Contracts", "DemoData", "TestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tests/CharterCommandsTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "ServiceKitTests",
      dependencies: ["CharterValues", "ServiceKit", "RPCCore", "RPCHTTP2", "Contracts", "Storage", logging],
      path: "Tests/ServiceKitTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "RPCCoreTests", dependencies: ["CharterValues", "RPCCore"], path: "Tests/RPCCoreTests",
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ContractsTests", dependencies: ["CharterValues", "Contracts", "RPCCore"],
      path: "Tests/ContractsTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "StorageTests", dependencies: ["CharterValues", "Storage"], path: "Tests/StorageTests",
      swiftSettings: swiftSettings),
    // A child process for the storage crash test: writes committed rows until SIGKILLed.
    .executableTarget(
      name: "StorageCrashWriter", dependencies: ["Storage"], path: "Tests/Support/StorageCrashWriter",
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RPCHTTP2Tests",
      dependencies: ["RPCHTTP2", "RPCCore", "Contracts", "ServiceKit", "InteropService", "CNGHTTP2", "TestSupport"]
        + nio,
      path: "Tests/RPCHTTP2Tests", swiftSettings: swiftSettings),
  ]
)
