// swift-tools-version:6.1
import PackageDescription

/// Strictness for every target of the project, set once.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// One exporter plug-in: a target under `Plugins/<name>` that depends on the exporter API.
func plugin(_ name: String, _ extra: [Target.Dependency] = []) -> Target {
    .target(
        name: name,
        dependencies: ["RenkeiModel", "RenkeiExport"] + extra,
        path: "Plugins/\(name)",
        swiftSettings: strict
    )
}

/// The built-in exporters, in the order of the registry's sorted list.
let exporterPlugins = [
    "ExportCSV", "ExportHTML", "ExportIATI", "ExportICal", "ExportJSON", "ExportJSONL", "ExportMarkdown",
    "ExportPopolo", "ExportSQLite", "ExportSTIX", "ExportXLSX",
]

/// What each plug-in needs beyond the model and the exporter API.
let pluginDependencies: [String: [Target.Dependency]] = [
    "ExportCSV": ["RenkeiTabular"],
    "ExportHTML": [.product(name: "GRDB", package: "GRDB.swift")],
    "ExportSQLite": ["RenkeiTabular", .product(name: "GRDB", package: "GRDB.swift")],
    "ExportXLSX": ["RenkeiTabular", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
]

let package = Package(
    name: "Renkei",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "renkei", targets: ["renkei"]),
        .library(name: "RenkeiModel", targets: ["RenkeiModel"]),
        .library(name: "RenkeiExport", targets: ["RenkeiExport"]),
        .library(name: "RenkeiPipeline", targets: ["RenkeiPipeline"]),
        .library(name: "RenkeiBundle", targets: ["RenkeiBundle"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "RenkeiModel", path: "Modules/RenkeiModel", swiftSettings: strict),
        .target(
            name: "RenkeiSource",
            dependencies: ["RenkeiModel", .product(name: "Yams", package: "Yams")],
            path: "Modules/RenkeiSource", swiftSettings: strict),
        .target(
            name: "RenkeiStore",
            dependencies: ["RenkeiModel", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Modules/RenkeiStore", swiftSettings: strict),
        .target(
            name: "RenkeiValidation", dependencies: ["RenkeiModel"],
            path: "Modules/RenkeiValidation", swiftSettings: strict),
        .target(
            name: "RenkeiStaging",
            dependencies: ["RenkeiModel", "RenkeiValidation", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Modules/RenkeiStaging", swiftSettings: strict),
        .target(name: "RenkeiSynthetic", path: "Modules/RenkeiSynthetic", swiftSettings: strict),
        .target(
            name: "RenkeiExport", dependencies: ["RenkeiModel"],
            path: "Modules/RenkeiExport", swiftSettings: strict),
        .target(
            name: "RenkeiTabular", dependencies: ["RenkeiModel"],
            path: "Modules/RenkeiTabular", swiftSettings: strict),
        .target(
            name: "RenkeiQuery", dependencies: ["RenkeiModel", "RenkeiStore"],
            path: "Modules/RenkeiQuery", swiftSettings: strict),
        .target(
            name: "RenkeiRelease", dependencies: ["RenkeiModel", "RenkeiStore"],
            path: "Modules/RenkeiRelease", swiftSettings: strict),
        .systemLibrary(
            name: "RenkeiZlib", path: "Modules/CZlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "RenkeiBundle",
            dependencies: ["RenkeiZlib", .product(name: "Crypto", package: "swift-crypto")],
            path: "Modules/RenkeiBundle", swiftSettings: strict),
        .target(
            name: "RenkeiExporters",
            dependencies: ["RenkeiExport"] + exporterPlugins.map { Target.Dependency(stringLiteral: $0) },
            path: "Modules/RenkeiExporters", swiftSettings: strict),
        .target(
            name: "RenkeiPipeline",
            dependencies: [
                "RenkeiModel", "RenkeiSource", "RenkeiStore", "RenkeiStaging", "RenkeiValidation", "RenkeiExport",
                "RenkeiExporters", "RenkeiBundle", "RenkeiRelease",
            ],
            path: "Modules/RenkeiPipeline", swiftSettings: strict),
        .target(
            name: "RenkeiTesting",
            dependencies: ["RenkeiModel", "RenkeiStore", "RenkeiExport", "RenkeiPipeline"],
            path: "Modules/RenkeiTesting", swiftSettings: strict),
        .executableTarget(
            name: "renkei",
            dependencies: [
                "RenkeiPipeline", "RenkeiModel", "RenkeiValidation", "RenkeiExport", "RenkeiBundle", "RenkeiRelease",
                "RenkeiStore", "RenkeiQuery", "RenkeiSynthetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/renkei", swiftSettings: strict),
        .executableTarget(
            name: "renkei-bench", dependencies: ["RenkeiBundle"],
            path: "Tools/renkei-bench", swiftSettings: strict),
        .testTarget(
            name: "RenkeiTests",
            dependencies: exporterPlugins.map { Target.Dependency(stringLiteral: $0) } + [
                "RenkeiModel", "RenkeiSource", "RenkeiStore", "RenkeiValidation", "RenkeiExport",
                "RenkeiExporters", "RenkeiPipeline", "RenkeiBundle", "RenkeiTesting", "RenkeiTabular", "RenkeiRelease",
                "RenkeiQuery", "RenkeiSynthetic", "RenkeiStaging", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/RenkeiTests",
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
    ] + exporterPlugins.map { plugin($0, pluginDependencies[$0] ?? []) }
)
