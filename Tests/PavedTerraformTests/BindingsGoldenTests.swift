import Foundation
import Testing
@testable import PavedTerraform

/// The generator's output, byte for byte: the fixture provider's golden files (compiled into this
/// target) and the bindings committed for Paved's constructs.
@Suite struct BindingsGoldenTests {
    static let regenerateFixture = """
        If the change is intended, re-record with `PAVED_RECORD=1 swift test --filter BindingsGoldenTests` (or, when the \
        goldens no longer compile, `paved bindings generate --schemas Tests/PavedTerraformTests/Resources/bindings/fixture-schema.json \
        --all --out Tests/PavedTerraformTests/BindingsGolden`) and review the diff.
        """

    static let regenerateCommitted = """
        Regenerate them: `make bindings` (or `PAVED_RECORD=1 swift test --filter BindingsGoldenTests`).
        """

    @Test func fixtureProviderMatchesTheGoldenSources() throws {
        let generator = BindingsGenerator(schemas: try ProviderSchemas.load(path: BindingsPaths.fixtureSchema))
        let files = try generator.generate(generator.allSelections())
        #expect(files.map(\.fileName) == ["DataExamplePipeline.swift", "ExampleMarker.swift", "ExamplePipeline.swift"])
        #expect(files.map(\.typeName) == ["DataExamplePipeline", "ExampleMarker", "ExamplePipeline"])
        #expect(files.map(\.selection) == [.data("example_pipeline"), .resource("example_marker"), .resource("example_pipeline")])
        try BindingsGolden.assertFolder(files, equal: BindingsPaths.fixtureGoldens, regenerate: Self.regenerateFixture)
    }

    /// `Sources/Paved/Bindings/Generated` is exactly what the generator makes from the bundled schemas.
    @Test func committedBindingsMatchTheBundledSchemas() throws {
        let generator = BindingsGenerator(schemas: try ProviderSchemas.bundled())
        let files = try generator.generate(generator.allSelections())
        try BindingsGolden.assertFolder(files, equal: BindingsPaths.committed, regenerate: Self.regenerateCommitted)
    }

    /// Every type of the bundled list has a binding, and nothing else does.
    @Test func committedBindingsCoverTheBundledTypesList() throws {
        let generator = BindingsGenerator(schemas: try ProviderSchemas.bundled())
        var listed: [BindingSelection] = []
        for selection in try BundledSchemas.selection() {
            guard let type = selection.type else { continue }
            switch selection.kind {
            case .resource: listed.append(.resource(type))
            case .data: listed.append(.data(type))
            case .provider: break
            }
        }
        #expect(generator.allSelections() == listed.sorted())
    }

    /// Trimming keeps whole type schemas, so the full provider schema gives the same bindings.
    @Test(.enabled(if: SharedSchemas.directory != nil, "\(SharedSchemas.missingMessage)"))
    func fullSchemasGiveTheSameBindingsAsTheBundle() throws {
        let dir = try #require(SharedSchemas.directory)
        // The provider files that contribute types to the bundle.
        let files = Set(try BundledSchemas.selection().filter { $0.type != nil }.map(\.file)).sorted()
            .map { (dir as NSString).appendingPathComponent("\($0).json") }
        let full = BindingsGenerator(schemas: try ProviderSchemas.load(files: files))
        let bundled = BindingsGenerator(schemas: try ProviderSchemas.bundled())
        let selections = bundled.allSelections()
        #expect(try full.generate(selections) == bundled.generate(selections))
    }

    @Test func outputIsDeterministic() throws {
        let schemas = try ProviderSchemas.load(path: BindingsPaths.fixtureSchema)
        let selections = BindingsGenerator(schemas: schemas).allSelections()
        let first = try BindingsGenerator(schemas: schemas).generate(selections)
        let again = try BindingsGenerator(schemas: try ProviderSchemas.load(path: BindingsPaths.fixtureSchema))
            .generate(selections.reversed() + selections)
        #expect(first == again)
        for file in first {
            #expect(file.contents.hasPrefix(BindingsGenerator.header + "\n"))
            #expect(file.contents.hasSuffix("}\n"))
            #expect(!file.contents.contains("\t") && !file.contents.contains(" \n"), "\(file.fileName): tabs or trailing spaces")
        }
    }

    /// The doc comments say what the schema says: type, required/optional/computed, nesting and bounds.
    @Test func docCommentsDescribeTheSchema() throws {
        let generator = BindingsGenerator(schemas: try ProviderSchemas.load(path: BindingsPaths.fixtureSchema))
        let source = try #require(try generator.generate([.resource("example_pipeline")]).first).contents
        for line in [
            "/// `name`: string, required.",
            "/// `id`: string, optional, computed.",
            "/// `password`: string, optional, sensitive.",
            "/// `retries`: number, optional, deprecated.",
            "/// `limits`: map(number), optional.",
            "/// `zones`: set(string), optional.",
            "/// `encryption` block (list nesting, exactly 1).",
            "/// `logging` block (list nesting, at most 1).",
            "/// `stage` blocks (list nesting, at least 1).",
            "/// `target` blocks (set nesting, at least 1).",
            "/// `route` blocks (map nesting).",
            "/// `timeouts` block (single nesting, at most 1).",
            "/// `config`: nested attributes (single nesting), optional.",
            "/// `example_pipeline.NAME.arn`: string, computed.",
            "/// `example_pipeline.NAME.outputs`: list(object), computed.",
            "/// The body of one `stage.action.retry` block in `example_pipeline`.",
            "/// `example_pipeline`, a resource of `registry.terraform.io/acme/example` (schema version 2).",
        ] {
            #expect(source.contains(line), "missing: \(line)")
        }
        // Computed-only attributes are references, never arguments.
        #expect(!source.contains("public var arn: TypedValue<String>?"))
        #expect(source.contains("public var arn: TypedValue<String> { TypedValue(reference: self.terraformAddress, \"arn\") }"))
        #expect(!source.contains("public var outputs: Value?"))
    }
}
