// swift-tools-version:6.0
// The web_events pipeline's own infrastructure, declared with Paved.
// `swift run --package-path infra pipeline-infra synth` writes Terraform JSON;
// `swift run --package-path infra pipeline-infra check` evaluates the platform's policies (CI runs it).
import PackageDescription

let package = Package(
    name: "pipeline-infra",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/paved-dev/paved.git", from: "0.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "pipeline-infra",
            dependencies: [
                .product(name: "Paved", package: "paved"),
                .product(name: "PavedCLI", package: "paved"),
            ],
            path: "Sources/PipelineInfra"),
    ]
)
