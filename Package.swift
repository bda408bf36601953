// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The `iatix` executable allocates through jemalloc (see Sources/iatix/Allocator.swift).
/// `IATIX_SYSTEM_MALLOC=1` builds it with the system's allocator instead: sanitizers
/// (`--sanitize=address`, for the leak checks) replace the allocator themselves.
let linksJemalloc = Context.environment["IATIX_SYSTEM_MALLOC"] == nil

let package = Package(
    name: "iatix",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "IATI", targets: ["IATI"]),
        .library(name: "LibXML", targets: ["LibXML"]),
        .library(name: "IATIValidation", targets: ["IATIValidation"]),
        .library(name: "Cooperation", targets: ["Cooperation"]),
        .library(name: "Tables", targets: ["Tables"]),
        .library(name: "Load", targets: ["Load"]),
        .library(name: "Serve", targets: ["Serve"]),
        .executable(name: "iatix", targets: ["iatix"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev", "zlib1g-dev"])]
        ),
        // Threads, the lock and file descriptors over the C library: the modules above call
        // these instead of pthreads or write(2) directly.
        .target(name: "Platform", swiftSettings: strict),
        .target(name: "LibXML", dependencies: ["CLibXML2", "Platform"], swiftSettings: strict),
        .systemLibrary(
            name: "CLibArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .target(name: "Archive", dependencies: ["CLibArchive", "LibXML"], swiftSettings: strict),
        // The executable's allocator (see Sources/iatix/Allocator.swift).
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // Command-line inputs as one ordered list of documents: files, stdin, folders, archives.
        .target(name: "Inputs", dependencies: ["Archive", "IATI", "LibXML", "Platform"], swiftSettings: strict),
        .target(name: "Batch", dependencies: ["IATI", "LibXML", "Archive", "Inputs", "Platform"], swiftSettings: strict),
        .target(name: "IATI", dependencies: ["LibXML", "Platform"], swiftSettings: strict),
        .target(name: "IATIValidation", dependencies: ["IATI", "LibXML", "Platform"], swiftSettings: strict),
        // Exchange rates in the IMF monthly layout IATI tools share, for flatten and outputs.
        .target(name: "Rates", dependencies: ["IATI"], swiftSettings: strict),
        // XLSX workbooks for the flat tables.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Flat tables of activities (iatix flatten), their column definitions and writers.
        .target(name: "Tables", dependencies: ["IATI", "LibXML", "Inputs", "Platform", "Rates", "CXLSXWriter"], swiftSettings: strict),
        // The flat tables in a database (iatix load): SQLite through GRDB, PostgreSQL through PostgresNIO.
        .target(
            name: "Load",
            dependencies: [
                "Tables", "IATI", "Inputs", "LibXML", "Platform",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        // iatix serve: the validator's API, conversion, tables and outputs over HTTP (Hummingbird).
        .target(
            name: "Serve",
            dependencies: [
                "IATI", "IATIValidation", "LibXML", "Archive", "Inputs", "Platform", "Tables", "Cooperation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Cooperation",
            dependencies: ["IATI", "LibXML", "Inputs", "Platform", "Rates", "Tables", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "iatix",
            dependencies: [
                "IATI", "LibXML", "IATIValidation", "Cooperation", "Batch", "Inputs", "Platform", "Tables", "Load", "Serve",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + (linksJemalloc ? ["CJemalloc"] : []),
            swiftSettings: strict
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "LibXMLTests", dependencies: ["LibXML", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "IATITests", dependencies: ["IATI", "LibXML", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "IATIValidationTests", dependencies: ["IATIValidation", "IATI", "LibXML", "TestSupport"],
            exclude: ["Golden", "RuleCases"], swiftSettings: strict
        ),
        .testTarget(name: "CooperationTests", dependencies: ["Cooperation", "IATI", "LibXML", "Tables", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "BatchTests", dependencies: ["iatix", "Batch", "Inputs", "Archive", "IATI", "LibXML"], swiftSettings: strict),
        .testTarget(name: "TablesTests", dependencies: ["Tables", "Rates", "IATI", "LibXML", "Platform", "TestSupport"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(
            name: "LoadTests",
            dependencies: ["Load", "Tables", "IATI", "Inputs", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict
        ),
        .testTarget(name: "InputsTests", dependencies: ["Inputs", "Archive", "LibXML", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ServeTests", dependencies: ["iatix", "Serve", "TestSupport"], exclude: ["page_check.py", "schemathesis.toml"], swiftSettings: strict),
        .testTarget(
            name: "IATIXTests", dependencies: ["iatix", "IATI", "LibXML", "TestSupport"],
            exclude: ["Golden"], swiftSettings: strict
        ),
    ]
)

// Fuzz targets (libFuzzer): built only when IATIX_FUZZ is set, with `-sanitize=fuzzer,address`
// (see scripts/fuzz.sh). Each is an executable whose entry point is libFuzzer's.
if Context.environment["IATIX_FUZZ"] != nil {
    package.targets += [
        .target(name: "FuzzSupport", dependencies: ["IATI", "LibXML", "IATIValidation"], path: "Fuzz/Support"),
        .executableTarget(name: "fuzz-convert", dependencies: ["FuzzSupport", "IATI", "LibXML"], path: "Fuzz/Convert"),
        .executableTarget(name: "fuzz-json", dependencies: ["FuzzSupport", "IATI", "LibXML"], path: "Fuzz/JSON"),
        .executableTarget(name: "fuzz-validate", dependencies: ["FuzzSupport", "IATIValidation", "LibXML"], path: "Fuzz/Validate"),
        .executableTarget(name: "fuzz-rates", dependencies: ["FuzzSupport", "Cooperation", "IATI", "Rates"], path: "Fuzz/Rates"),
        .executableTarget(name: "fuzz-framework", dependencies: ["FuzzSupport", "Cooperation"], path: "Fuzz/Framework"),
        .executableTarget(name: "fuzz-ruleset", dependencies: ["FuzzSupport", "IATIValidation", "LibXML"], path: "Fuzz/Ruleset"),
        .executableTarget(name: "fuzz-archive", dependencies: ["FuzzSupport", "Archive"], path: "Fuzz/Archive"),
        .executableTarget(name: "fuzz-flatten", dependencies: ["FuzzSupport", "IATI", "LibXML", "Tables"], path: "Fuzz/Flatten"),
    ]
}

