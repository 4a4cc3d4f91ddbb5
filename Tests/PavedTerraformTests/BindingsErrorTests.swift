import Foundation
import Testing
@testable import PavedTerraform

/// Bad input gets a clear error naming every problem, never a crash.
@Suite struct BindingsErrorTests {
    static func bundled() throws -> BindingsGenerator { BindingsGenerator(schemas: try ProviderSchemas.bundled()) }

    @Test func unknownTypesGetSuggestions() throws {
        #expect(throws: BindingsError([
            "unknown resource type \"aws_s3_buckt\"; did you mean \"aws_s3_bucket\"?",
            "unknown data source type \"aws_iam_policy_documnt\"; did you mean \"data.aws_iam_policy_document\"?",
        ])) {
            try Self.bundled().selections(named: ["aws_s3_buckt", "aws_s3_bucket", "data.aws_iam_policy_documnt"])
        }
    }

    @Test func theOtherKindIsPointedOut() throws {
        #expect(throws: BindingsError([
            "\"aws_iam_policy_document\" is a data source, not a resource: write data.aws_iam_policy_document",
            "\"data.aws_iam_role\": aws_iam_role is a resource, not a data source: write aws_iam_role",
        ])) {
            try Self.bundled().selections(named: ["aws_iam_policy_document", "data.aws_iam_role"])
        }
    }

    /// The bundle holds only some aws types: say how to reach the others.
    @Test func trimmedSchemasSayHowToGetTheRest() throws {
        #expect(throws: BindingsError([
            "unknown resource type \"aws_instance\" (these schemas hold only some of the provider's types: pass the full provider schema with --schemas)",
        ])) {
            try Self.bundled().selections(named: ["aws_instance"])
        }
        let fixture = BindingsGenerator(schemas: try ProviderSchemas.load(path: BindingsPaths.fixtureSchema))
        #expect(throws: BindingsError(["unknown resource type \"example_nothing\""])) {
            try fixture.selections(named: ["example_nothing"])
        }
    }

    @Test func emptyAndMalformedSelections() throws {
        #expect(throws: BindingsError(["no types selected: name them with --types or use --all"])) {
            try Self.bundled().selections(named: ["", "  "])
        }
        #expect(throws: BindingsError(["\"data.\" names no type"])) {
            try Self.bundled().selections(named: ["data."])
        }
        #expect(throws: BindingsError([
            "unknown resource type \"aws_s3_bucket aws_iam_role\" (these schemas hold only some of the provider's types: pass the full provider schema with --schemas)",
        ])) {
            try Self.bundled().selections(named: ["aws_s3_bucket aws_iam_role"])
        }
    }

    @Test func namesAreTrimmedSortedAndDeduplicated() throws {
        #expect(try Self.bundled().selections(named: [" aws_kms_key", "data.aws_region ", "aws_iam_role", "aws_kms_key"])
            == [.resource("aws_iam_role"), .resource("aws_kms_key"), .data("aws_region")])
    }

    @Test func generatingAnAbsentTypeIsAnError() throws {
        #expect(throws: BindingsError([
            "unknown resource type \"aws_s3_bucket_typo\" (these schemas hold only some of the provider's types: pass the full provider schema with --schemas)",
        ])) {
            try Self.bundled().generate([.resource("aws_s3_bucket_typo"), .resource("aws_s3_bucket")])
        }
        #expect(BindingsError(["a", "b"]).description == "error: a\nerror: b")
    }

    @Test func malformedSchemasAreLoadErrors() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("bad.json").path
        try Data(#"{"format_version": "1.0", "provider_schemas": {"acme/x": {"resource_schemas": {"x_a": {"block": {"block_types": {"b": {"block": {}}}}}}}}}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        #expect(throws: SchemaLoadError.self) { try ProviderSchemas.load(path: path) }
    }
}

/// Writing generated files into a folder: only changes are written, stale generated files removed,
/// other files kept.
@Suite struct BindingsOutputPlanTests {
    static func files(_ names: [String]) -> [GeneratedBindingFile] {
        names.map {
            GeneratedBindingFile(
                fileName: "\($0).swift", typeName: $0, selection: .resource($0),
                contents: BindingsGenerator.header + "\n// \($0)\n")
        }
    }

    @Test func writesOnlyWhatChangesAndRemovesStaleGeneratedFiles() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("Generated").path

        let first = try BindingsOutputPlan(directory: out, files: Self.files(["A", "B"]))
        #expect(first.changed == ["A.swift", "B.swift"] && first.stale == [] && !first.isUpToDate)
        try first.apply()
        #expect(try BindingsOutputPlan(directory: out, files: Self.files(["A", "B"])).isUpToDate)

        // A hand-written file beside them is never touched.
        let handWritten = (out as NSString).appendingPathComponent("Extensions.swift")
        try Data("// mine\n".utf8).write(to: URL(fileURLWithPath: handWritten))

        var changedB = Self.files(["B", "C"])
        changedB[0].contents += "// changed\n"
        let second = try BindingsOutputPlan(directory: out, files: changedB)
        #expect(second.changed == ["B.swift", "C.swift"])
        #expect(second.stale == ["A.swift"])
        try second.apply()
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["B.swift", "C.swift", "Extensions.swift"])
        #expect(FileManager.default.contents(atPath: (out as NSString).appendingPathComponent("B.swift")).map { String(decoding: $0, as: UTF8.self) }
            == changedB[0].contents)
    }

    @Test func aFileIsNotAFolder() throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("out.swift").path
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(throws: BindingsError(["\(file) is a file, not a folder"])) {
            try BindingsOutputPlan(directory: file, files: Self.files(["A"]))
        }
    }

    @Test func unwritableFolderIsAnError() throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("file").path
        try Data().write(to: URL(fileURLWithPath: file))
        // A folder below a regular file cannot be created.
        let plan = try BindingsOutputPlan(directory: (file as NSString).appendingPathComponent("sub"), files: Self.files(["A"]))
        #expect(throws: BindingsError.self) { try plan.apply() }
    }
}
