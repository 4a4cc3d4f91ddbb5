import Foundation
import Testing
@testable import PavedTerraform

@Suite struct BundledSchemaTests {
    @Test func bundleDecodesAndHoldsEveryListedType() throws {
        let schemas = try ProviderSchemas.bundled()
        #expect(schemas.sources == [
            "registry.terraform.io/databricks/databricks", "registry.terraform.io/hashicorp/aws",
            "registry.terraform.io/hashicorp/google", "registry.terraform.io/hashicorp/vault",
            "registry.terraform.io/snowflakedb/snowflake",
        ])
        for selection in try BundledSchemas.selection() {
            guard let type = selection.type else { continue }
            switch selection.kind {
            case .resource: #expect(schemas.resource(type) != nil, "\(selection)")
            case .data: #expect(schemas.dataSource(type) != nil, "\(selection)")
            case .provider: break
            }
        }
        let aws = try #require(schemas.provider(source: "hashicorp/aws"))
        // Exactly the listed aws resource types: nothing trimmed away, nothing extra.
        let listedAWSResources = try BundledSchemas.selection()
            .filter { $0.file == "aws" && $0.kind == .resource }.compactMap(\.type).sorted()
        #expect(aws.resourceSchemas.keys.sorted() == listedAWSResources)
        #expect(listedAWSResources.contains("aws_s3_bucket") && listedAWSResources.contains("aws_iam_role"))
        #expect(aws.dataSourceSchemas.keys.sorted() == [
            "aws_caller_identity", "aws_iam_policy_document", "aws_partition", "aws_region",
        ])
        #expect(aws.provider.attributes["region"]?.type == .string)
        let listedVaultResources = try BundledSchemas.selection()
            .filter { $0.file == "vault" && $0.kind == .resource }.compactMap(\.type).sorted()
        #expect(schemas.provider(localName: "vault")?.resourceSchemas.keys.sorted() == listedVaultResources)
        #expect(listedVaultResources.contains("vault_policy"))
        #expect(schemas.sources.allSatisfy { schemas.providers[$0]?.isPartial == true })
        #expect(schemas.provider(localName: "snowflake")?.provider.attributes.isEmpty == false)
    }

    /// The committed bundle must be exactly what trimming ../shared/schemas gives.
    @Test(.enabled(if: SharedSchemas.directory != nil, "\(SharedSchemas.missingMessage)"))
    func committedBundleMatchesTheSharedSchemas() throws {
        let dir = try #require(SharedSchemas.directory)
        let documents = try SchemaTrimmer.trim(directory: dir, selection: try BundledSchemas.selection())
        let expected = SchemaTrimmer.swiftSource(documents)
        let generatedPath = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PavedTerraform/Schema/BundledSchemas+Generated.swift").path
        let committed = (FileManager.default.contents(atPath: generatedPath)).map { String(decoding: $0, as: UTF8.self) }
        #expect(committed == expected, """
            Sources/PavedTerraform/Schema/BundledSchemas+Generated.swift is out of date with \
            BundledSchemaTypes.swift and \(dir). Regenerate it: `make schemas`.
            """)
        // What is compiled in matches too (the test binary could be stale otherwise).
        #expect(BundledSchemas.documentTexts.map(\.name) == documents.map(\.name))
        for (compiled, document) in zip(BundledSchemas.documentTexts, documents) {
            #expect(compiled.text + "\n" == JSONWriter().render(document.json), "\(document.name)")
        }
    }

    @Test func parsesTypesLists() throws {
        let list = """
            # comment
            aws:provider
              aws:resource:aws_s3_bucket   # trailing comment

            aws:data:aws_region
            """
        #expect(try SchemaSelection.parseList(list, file: "types.txt") == [
            SchemaSelection(file: "aws", kind: .provider),
            SchemaSelection(file: "aws", kind: .resource, type: "aws_s3_bucket"),
            SchemaSelection(file: "aws", kind: .data, type: "aws_region"),
        ])
        #expect(throws: SchemaLoadError(
            file: "types.txt", line: 2,
            message: "invalid line \"aws:resources:aws_s3_bucket\": expected FILE:resource:TYPE, FILE:data:TYPE or FILE:provider")) {
            try SchemaSelection.parseList("aws:provider\naws:resources:aws_s3_bucket", file: "types.txt")
        }
        #expect(throws: SchemaLoadError(file: "types.txt", line: 2, message: "aws:data:aws_region is listed twice")) {
            try SchemaSelection.parseList("aws:data:aws_region\naws:data:aws_region", file: "types.txt")
        }
        #expect(throws: SchemaLoadError.self) { try SchemaSelection.parseList("aws:resource:", file: "t") }
    }

    @Test func trimsToTheSelection() throws {
        let document = try JSONDocument(parsing: SchemaLoaderTests.sample, file: "widgets.json")
        let trimmed = try SchemaTrimmer.trim(document, selection: [
            SchemaSelection(file: "widgets", kind: .data, type: "widgets_catalog"),
        ])
        let provider = trimmed["provider_schemas"]?["registry.terraform.io/acme/widgets"]
        #expect(provider?["resource_schemas"] == .object([:]))
        #expect(provider?["data_source_schemas"]?.objectValue?.keys.sorted() == ["widgets_catalog"])
        #expect(provider?["provider"] == document.root["provider_schemas"]?["registry.terraform.io/acme/widgets"]?["provider"])
        #expect(trimmed["format_version"] == .string("1.0"))
        #expect(trimmed[SchemaTrimmer.trimmedMarker] == .bool(true))
        let reloaded = try ProviderSchemas.decode(JSONWriter().bytes(trimmed), file: "trimmed.json")
        #expect(reloaded.provider(source: "acme/widgets")?.isPartial == true)
        #expect(try ProviderSchemas.decode(Array(SchemaLoaderTests.sample.utf8), file: "full.json")
            .provider(source: "acme/widgets")?.isPartial == false)

        #expect(throws: SchemaLoadError(file: "widgets.json", message: "no resource type widgets_bin in widgets.json")) {
            try SchemaTrimmer.trim(document, selection: [SchemaSelection(file: "widgets", kind: .resource, type: "widgets_bin")])
        }
    }

    @Test func generatedSourceIsDeterministicAndEscapesItsDelimiter() throws {
        let tricky = JSON.object(["provider_schemas": .object([:]), "x": .string(##"a"""#b\#(c)"##)])
        let source = SchemaTrimmer.swiftSource([.init(name: "t.json", json: tricky)])
        #expect(source == SchemaTrimmer.swiftSource([.init(name: "t.json", json: tricky)]))
        #expect(source.contains("private let document0 = ##\"\"\"\n"))
        #expect(SchemaTrimmer.rawDelimiterLength(for: "plain") == 1)
    }
}
