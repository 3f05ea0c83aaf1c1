// swift-tools-version:6.1
// libFuzzer targets for the three parsers that read untrusted input. Build and run with
// scripts/fuzz (see docs/SECURITY.md); a normal `swift build` of the project does not see them.
import PackageDescription

let package = Package(
    name: "RenkeiFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Renkei", path: "..")],
    targets: [
        // `main` for each executable: libFuzzer's driver (see FuzzMain.h).
        .target(name: "FuzzMain", path: "Sources/FuzzMain"),
        .executableTarget(
            name: "FuzzYAML", dependencies: ["FuzzMain", .product(name: "RenkeiPipeline", package: "Renkei")], path: "Sources/FuzzYAML"),
        .executableTarget(
            name: "FuzzDate", dependencies: ["FuzzMain", .product(name: "RenkeiModel", package: "Renkei")], path: "Sources/FuzzDate"),
        .executableTarget(
            name: "FuzzArchive", dependencies: ["FuzzMain", .product(name: "RenkeiBundle", package: "Renkei")], path: "Sources/FuzzArchive"),
    ]
)
