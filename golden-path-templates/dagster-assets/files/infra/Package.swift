// swift-tools-version:6.0
// The {{name}} pipeline's own infrastructure, declared with Paved.
// `swift run --package-path infra pipeline-infra synth` writes Terraform JSON;
// `swift run --package-path infra pipeline-infra check` evaluates the platform's policies (CI runs it).
import PackageDescription

let package = Package(
    name: "pipeline-infra",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "{{paved_package}}", from: "{{paved_version}}"),
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
