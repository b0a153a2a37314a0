// swift-tools-version: 6.1
import PackageDescription

/// vccctl: configuration-as-code for Vonage Contact Center in Salesforce.
/// Targets follow shared/DESIGN.md; dependencies point down the table there.
let package = Package(
    name: "vccctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vccctl", targets: ["vccctl"]),
        .library(name: "YAMLSyntax", targets: ["YAMLSyntax"]),
        .library(name: "VCCModel", targets: ["VCCModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // The Salesforce REST target (HTTP client, JWT bearer assertions) and the loopback
        // emulator (HTTP server, TLS with a self-signed CA).
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit", exact: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", exact: "1.21.1"),
        // The shared state store for teams and CI runners (StatePostgres).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Only to silence postgres-nio's logger: nothing of a connection is ever logged.
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "YAMLSyntax", dependencies: ["CYAML"]),
        // FileSafety: every file vccctl reads or creates goes through it (type checks, size
        // limits, no symbolic links followed for files it writes, exclusive creation). No
        // dependencies: Glibc/Darwin only, so every module below the CLI can use it.
        .target(name: "FileSafety"),
        .target(name: "VCCModel", dependencies: ["YAMLSyntax", "FileSafety"]),
        .target(
            name: "Reconciler",
            dependencies: ["VCCModel", "YAMLSyntax", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Targets",
            dependencies: [
                "Reconciler", "OrgSimulator", "VCCModel", "YAMLSyntax", "SOQL", "FileSafety",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        // SOQL: the query language's grammar subset, literal quoting and evaluation over rows.
        // No dependencies: the target builds queries with it and the emulator answers them.
        .target(name: "SOQL"),
        // `vccctl emulator serve`: the Salesforce REST subset over an OrgSimulator, on loopback.
        .target(
            name: "Emulator",
            dependencies: [
                "OrgSimulator", "SOQL", "FileSafety",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "Views", dependencies: ["Reconciler", "VCCModel", "YAMLSyntax"]),
        .executableTarget(
            name: "vccctl",
            dependencies: [
                "VCCModel", "Views", "Reconciler", "StateSQLite", "StatePostgres", "Targets", "OrgSimulator", "YAMLSyntax", "Emulator", "FileSafety",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The embedded model of the org and VCC: GRDB for storage, swift-crypto for token hashes.
        .target(
            name: "OrgSimulator",
            dependencies: [
                "FileSafety",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The default state store: one SQLite file (GRDB), owner-only.
        .target(
            name: "StateSQLite",
            dependencies: [
                "Reconciler", "VCCModel", "FileSafety",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the one scan that loads every resource (ResourceScan).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The shared state store: one PostgreSQL schema (postgres-nio), for many CI runners at once.
        // Nothing depends on it but the CLI and its tests.
        .target(
            name: "StatePostgres",
            dependencies: [
                "Reconciler", "VCCModel", "FileSafety",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["YAMLSyntax", "Reconciler", "VCCModel", "OrgSimulator"]),
        .testTarget(name: "FileSafetyTests", dependencies: ["FileSafety", "TestSupport"]),
        .testTarget(name: "YAMLSyntaxTests", dependencies: ["YAMLSyntax", "TestSupport"]),
        .testTarget(name: "VCCModelTests", dependencies: ["VCCModel", "TestSupport"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "VCCModel", "TestSupport"]),
        .testTarget(
            name: "StateSQLiteTests",
            dependencies: ["StateSQLite", "Reconciler", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Runs against a throwaway cluster (initdb/pg_ctl) or VCCCTL_TEST_POSTGRES_URL.
        .testTarget(
            name: "StatePostgresTests",
            dependencies: [
                "StatePostgres", "StateSQLite", "Reconciler", "VCCModel", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "OrgSimulatorTests",
            dependencies: ["OrgSimulator", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "SOQLTests", dependencies: ["SOQL"]),
        .testTarget(
            name: "TargetsTests",
            dependencies: [
                "Targets", "Reconciler", "VCCModel", "OrgSimulator", "TestSupport",
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        .testTarget(
            name: "EmulatorTests",
            dependencies: [
                "Emulator", "OrgSimulator", "TestSupport", "Targets", "Reconciler",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),

        .testTarget(name: "ViewsTests", dependencies: ["Views", "TestSupport"], exclude: ["Golden"]),
        // Runs the built `vccctl` (the dependency makes `swift test` build it first).
        // GRDB: to damage state and org files the way the hostile tests need.
        .testTarget(
            name: "vccctlTests",
            dependencies: ["vccctl", "TestSupport", "OrgSimulator", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
