// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Paved",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Paved", targets: ["Paved"]),
        .library(name: "PavedTerraform", targets: ["PavedTerraform"]),
        .library(name: "PavedCLI", targets: ["PavedCLI"]),
        .library(name: "PavedTesting", targets: ["PavedTesting"]),
        .executable(name: "paved", targets: ["paved"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // The Terraform JSON model, addresses, expressions, renderer, loaders, schemas.
        .target(name: "PavedTerraform", swiftSettings: strict),
        // The DSL users import.
        .target(name: "Paved", dependencies: ["PavedTerraform"], swiftSettings: strict),
        // Policy engine, rule packs, waivers, reporters.
        .target(
            name: "PavedPolicy", dependencies: ["PavedTerraform", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // libgit2 over a system library.
        .systemLibrary(
            name: "Clibgit2", pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        .target(name: "PavedGit", dependencies: ["Clibgit2"], swiftSettings: strict),
        // The C allocator's settings for a short-lived process (`PavedCLI.prepareProcess`).
        .systemLibrary(name: "CAllocator"),
        // Golden-path templates: manifests, answers, rendering, update.
        .target(
            name: "PavedScaffold",
            dependencies: [
                "PavedGit",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict),
        // The commands, as a library, so a user's own executable gets them all.
        .target(
            name: "PavedCLI",
            dependencies: [
                "Paved", "PavedTerraform", "PavedPolicy", "PavedScaffold", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "paved", dependencies: ["PavedCLI"], swiftSettings: strict),
        .target(name: "PavedTesting", dependencies: ["Paved", "PavedTerraform"], swiftSettings: strict),

        // The embedded example platform and its executable.
        .target(name: "AcmeData", dependencies: ["Paved"], path: "Examples/AcmeData", swiftSettings: strict),
        .executableTarget(
            name: "acme-platform", dependencies: ["AcmeData", "PavedCLI"],
            path: "Examples/acme-platform", swiftSettings: strict),
        // Benchmarks: `make bench`.
        .executableTarget(
            name: "paved-bench", dependencies: ["Paved", "PavedTerraform", "PavedPolicy", "PavedCLI"],
            path: "Benchmarks/paved-bench", swiftSettings: strict),
        .executableTarget(name: "scaffold-bench", dependencies: ["PavedScaffold"], path: "Benchmarks/scaffold-bench", swiftSettings: strict),

        .testTarget(name: "PavedTerraformTests", dependencies: ["PavedTerraform"], resources: [.copy("Resources")]),
        .testTarget(name: "PavedTests", dependencies: ["Paved", "PavedTesting", "AcmeData"], resources: [.copy("Resources")]),
        .testTarget(name: "PavedGitTests", dependencies: ["PavedGit"]),
        .testTarget(name: "PavedScaffoldTests", dependencies: ["PavedScaffold"], resources: [.copy("Resources")]),
        .testTarget(name: "PavedCLITests", dependencies: ["PavedCLI", "AcmeData", "paved", "acme-platform"]),
        .testTarget(name: "PavedPolicyTests", dependencies: ["PavedPolicy"], resources: [.copy("Resources")]),
    ],
    swiftLanguageModes: [.v6]
)
