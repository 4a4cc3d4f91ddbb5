import Foundation
import Testing
@testable import PavedTerraform

/// The fixtures under `Resources/validate/`: each file (or folder, for several-file modules) of
/// `invalid/` shows one class of problem, and its exact findings are listed here; every module
/// of `valid/` gives none.
@Suite struct SchemaValidatorTests {
    /// The bundled schemas, marked complete so unknown types are errors (the fixtures only use
    /// bundled types).
    static let schemas: ProviderSchemas = {
        var schemas = (try? ProviderSchemas.bundled()) ?? ProviderSchemas()
        schemas.setPartial(false)
        return schemas
    }()

    static func fixtureRoot() throws -> String {
        let url = Bundle.module.url(forResource: "validate", withExtension: nil)
            ?? Bundle.module.url(forResource: "validate", withExtension: nil, subdirectory: "Resources")
        return try #require(url).path
    }

    /// Validates the fixture at `relative` (a file, or a folder of files forming one module),
    /// naming files relative to the fixture root.
    static func findings(_ relative: String, schemas: ProviderSchemas = SchemaValidatorTests.schemas) throws -> [String] {
        let root = try fixtureRoot()
        var output: [String] = []
        for module in try ModuleDiscovery.modules(for: [root + "/" + relative]) {
            let documents = try module.files.map { path in
                try JSONDocument.load(contentsOfFile: path, displayName: String(path.dropFirst(root.count + 1)))
            }
            output += SchemaValidator(schemas: schemas).validate(module: documents).map(\.description)
        }
        return output
    }

    static let expected: [String: [String]] = [
        "invalid/unknown-resource-type.tf.json": [
            #"invalid/unknown-resource-type.tf.json:3: error: unknown data source type "aws_iam_policy_documnt" for provider registry.terraform.io/hashicorp/aws; did you mean "aws_iam_policy_document"? (at /data/aws_iam_policy_documnt)"#,
            #"invalid/unknown-resource-type.tf.json:10: error: unknown resource type "aws_s3_bukcet" for provider registry.terraform.io/hashicorp/aws; did you mean "aws_s3_bucket"? (at /resource/aws_s3_bukcet)"#,
            "AcmeData/Platform.swift:12: note: aws_s3_bukcet.raw was synthesized from construct acme-data/raw-events",
        ],
        "invalid/unknown-attribute.tf.json": [
            #"invalid/unknown-attribute.tf.json:9: error: unknown attribute or block "bukcet" in aws_s3_bucket.raw; did you mean "bucket"? (at /resource/aws_s3_bucket/raw/bukcet)"#,
            "AcmeData/Platform.swift:12: note: aws_s3_bucket.raw was synthesized from construct acme-data/raw-events",
            #"invalid/unknown-attribute.tf.json:18: error: unknown attribute or block "dayz" in aws_s3_bucket_lifecycle_configuration.raw.rule.expiration; did you mean "days"? (at /resource/aws_s3_bucket_lifecycle_configuration/raw/rule/0/expiration/dayz)"#,
        ],
        "invalid/missing-required.tf.json": [
            #"invalid/missing-required.tf.json:4: error: missing required attribute "bucket" in aws_s3_bucket_versioning.raw (at /resource/aws_s3_bucket_versioning/raw)"#,
            "AcmeData/Platform.swift:15: note: aws_s3_bucket_versioning.raw was synthesized from construct acme-data/raw-events",
            #"invalid/missing-required.tf.json:4: error: missing required block "versioning_configuration" in aws_s3_bucket_versioning.raw (at /resource/aws_s3_bucket_versioning/raw)"#,
            "AcmeData/Platform.swift:15: note: aws_s3_bucket_versioning.raw was synthesized from construct acme-data/raw-events",
        ],
        "invalid/too-many-blocks.tf.json": [
            #"invalid/too-many-blocks.tf.json:6: error: too many "versioning_configuration" blocks in aws_s3_bucket_versioning.raw: at most 1 allowed, got 2 (at /resource/aws_s3_bucket_versioning/raw/versioning_configuration)"#,
        ],
        "invalid/type-mismatch.tf.json": [
            #"invalid/type-mismatch.tf.json:7: error: attribute "actions" of data.aws_iam_policy_document.read.statement must be set(string), got object (at /data/aws_iam_policy_document/read/statement/0/actions)"#,
            #"invalid/type-mismatch.tf.json:12: error: attribute "resources" of data.aws_iam_policy_document.read.statement must be set(string): element [1] must be string, got array (at /data/aws_iam_policy_document/read/statement/0/resources/1)"#,
            #"invalid/type-mismatch.tf.json:25: error: attribute "force_destroy" of aws_s3_bucket.raw must be bool, got string "yes" (at /resource/aws_s3_bucket/raw/force_destroy)"#,
            #"invalid/type-mismatch.tf.json:26: error: attribute "tags" of aws_s3_bucket.raw must be map(string), got array (at /resource/aws_s3_bucket/raw/tags)"#,
            #"invalid/type-mismatch.tf.json:33: error: attribute "deletion_window_in_days" of aws_kms_key.raw must be number, got string "thirty" (at /resource/aws_kms_key/raw/deletion_window_in_days)"#,
            #"invalid/type-mismatch.tf.json:35: error: attribute "tags" of aws_kms_key.raw must be map(string): element ["team"] must be string, got object (at /resource/aws_kms_key/raw/tags/team)"#,
        ],
        "invalid/unknown-reference-attribute.tf.json": [
            #"invalid/unknown-reference-attribute.tf.json:9: error: reference data.aws_region.current.nme: data source aws_region has no attribute "nme"; did you mean "name"? (at /output/region/value)"#,
            #"invalid/unknown-reference-attribute.tf.json:24: error: reference aws_s3_bucket.raw.not_an_attribute: aws_s3_bucket has no attribute "not_an_attribute" (at /resource/aws_s3_bucket_policy/raw/bucket)"#,
            "AcmeData/Platform.swift:12: note: aws_s3_bucket_policy.raw was synthesized from construct acme-data/raw-events",
        ],
        "invalid/undeclared-reference.tf.json": [
            "invalid/undeclared-reference.tf.json:5: error: reference to undeclared data source data.aws_caller_identity.current (at /resource/aws_s3_bucket/raw/bucket)",
            "invalid/undeclared-reference.tf.json:10: error: reference to undeclared resource aws_s3_bucket.rwa; did you mean aws_s3_bucket.raw? (at /resource/aws_s3_bucket_policy/raw/bucket)",
            "invalid/undeclared-reference.tf.json:12: error: reference to undeclared resource aws_kms_key.raw (at /resource/aws_s3_bucket_policy/raw/depends_on/0)",
        ],
        "invalid/undeclared-variable.tf.json": [
            "invalid/undeclared-variable.tf.json:8: error: reference to undeclared local value local.prefx; did you mean local.prefix? (at /resource/aws_s3_bucket/raw/bucket)",
            "invalid/undeclared-variable.tf.json:10: error: reference to undeclared variable var.enviroment; did you mean var.environment? (at /resource/aws_s3_bucket/raw/tags/env)",
        ],
        "invalid/missing-required-provider.tf.json": [
            #"invalid/missing-required-provider.tf.json:4: error: provider "aws" is used by aws_kms_key.raw but missing from terraform.required_providers (at /resource/aws_kms_key/raw)"#,
            "AcmeData/Platform.swift:12: note: aws_kms_key.raw was synthesized from construct acme-data/raw-events",
        ],
        "invalid/provider-source-mismatch.tf.json": [
            #"invalid/provider-source-mismatch.tf.json:12: error: provider "aws" has source "acme/aws" in terraform.required_providers (registry.terraform.io/acme/aws), but aws_s3_bucket is a resource type of registry.terraform.io/hashicorp/aws (at /terraform/required_providers/aws/source)"#,
        ],
        "invalid/computed-attribute.tf.json": [
            #"invalid/computed-attribute.tf.json:5: error: attribute "arn" of aws_s3_bucket.raw is computed by the provider and cannot be set (at /resource/aws_s3_bucket/raw/arn)"#,
        ],
        "invalid/unknown-top-level.tf.json": [
            #"invalid/unknown-top-level.tf.json:2: error: unknown top-level key "resources"; did you mean "resource"? (at /resources)"#,
        ],
        "invalid/meta-arguments.tf.json": [
            "invalid/meta-arguments.tf.json:4: error: aws_iam_role.etl sets both count and for_each; use one of them (at /resource/aws_iam_role/etl)",
            #"invalid/meta-arguments.tf.json:8: error: unknown block type "inline_polcy" in dynamic block of aws_iam_role.etl; did you mean "inline_policy"? (at /resource/aws_iam_role/etl/dynamic/inline_polcy)"#,
            #"invalid/meta-arguments.tf.json:16: error: ignore_changes of aws_iam_role.etl names "tagz", which is not an attribute or block; did you mean "tags"? (at /resource/aws_iam_role/etl/lifecycle/ignore_changes/0)"#,
            #"invalid/meta-arguments.tf.json:18: error: attribute "prevent_destroy" of lifecycle of aws_iam_role.etl must be bool, got string "sometimes" (at /resource/aws_iam_role/etl/lifecycle/prevent_destroy)"#,
            #"invalid/meta-arguments.tf.json:20: error: provider configuration "aws.us_east_1" used by aws_iam_role.etl is not declared in a provider block or in configuration_aliases (at /resource/aws_iam_role/etl/provider)"#,
        ],
        "invalid/duplicate-resource": [
            "invalid/duplicate-resource/b.tf.json:7: error: duplicate resource aws_s3_bucket.raw; first declared at invalid/duplicate-resource/a.tf.json:4 (at /resource/aws_s3_bucket/raw)",
        ],
    ]

    @Test(arguments: SchemaValidatorTests.expected.keys.sorted())
    func invalidFixture(_ name: String) throws {
        #expect(try Self.findings(name) == Self.expected[name])
    }

    /// Every fixture in `invalid/` has its expected findings listed (a new one cannot be forgotten).
    @Test func everyInvalidFixtureIsListed() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: try Self.fixtureRoot() + "/invalid")
            .filter { $0 != "malformed.tf.json" }.map { "invalid/" + $0 }.sorted()
        #expect(names == Self.expected.keys.sorted())
    }

    @Test(arguments: ["valid/paved-output.tf.json", "valid/multi-file"])
    func validFixture(_ name: String) throws {
        #expect(try Self.findings(name) == [])
    }

    @Test func validFixtureWithAProviderWithoutSchema() throws {
        #expect(try Self.findings("valid/expressions.tf.json") == [
            "valid/expressions.tf.json:32: note: no schema loaded for provider registry.terraform.io/hashicorp/random; its resources and data sources are not checked (at /resource/random_id)",
        ])
    }

    @Test func malformedFixtureIsAParseError() throws {
        let path = try Self.fixtureRoot() + "/invalid/malformed.tf.json"
        #expect(throws: JSONParseError(file: "malformed.tf.json", line: 6, column: 7, message: "trailing comma before '}' in object")) {
            try JSONDocument.load(contentsOfFile: path, displayName: "malformed.tf.json")
        }
        let diagnostics = SchemaValidator(schemas: Self.schemas)
            .validate(text: Array((try String(contentsOfFile: path, encoding: .utf8)).utf8), file: "malformed.tf.json")
        #expect(diagnostics.map(\.description) == ["malformed.tf.json:6:7: error: trailing comma before '}' in object"])
    }

    /// A module's files are one module: splitting a valid module's references across files is fine,
    /// but validating one of its files alone finds the references it cannot resolve.
    @Test func referencesResolveAcrossTheFilesOfAModule() throws {
        let root = try Self.fixtureRoot()
        let document = try JSONDocument.load(contentsOfFile: root + "/valid/multi-file/main.tf.json", displayName: "main.tf.json")
        #expect(SchemaValidator(schemas: Self.schemas).validate(document).map(\.description) == [
            #"main.tf.json:4: error: provider "aws" is used by aws_s3_bucket.logs but missing from terraform.required_providers (at /resource/aws_s3_bucket/logs)"#,
            "main.tf.json:10: error: reference to undeclared resource aws_s3_bucket.raw (at /resource/aws_s3_bucket_logging/raw/bucket)",
        ])
    }

    // MARK: - With the bundle as shipped (partial)

    @Test func typesOutsideThePartialBundleAreNotesNotErrors() throws {
        let bundled = try ProviderSchemas.bundled()
        #expect(try Self.findings("invalid/unknown-resource-type.tf.json", schemas: bundled) == [
            "invalid/unknown-resource-type.tf.json:3: note: aws_iam_policy_documnt is not in Paved's bundled schemas (did you mean aws_iam_policy_document?); its data sources are not checked (pass --schemas with the full aws schema) (at /data/aws_iam_policy_documnt)",
            "invalid/unknown-resource-type.tf.json:10: note: aws_s3_bukcet is not in Paved's bundled schemas (did you mean aws_s3_bucket?); its resources are not checked (pass --schemas with the full aws schema) (at /resource/aws_s3_bukcet)",
        ])
        #expect(try Self.findings("valid/paved-output.tf.json", schemas: bundled) == [])
    }

    @Test(.enabled(if: SharedSchemas.directory != nil, "\(SharedSchemas.missingMessage)"))
    func fixturesAgainstTheFullProviderSchemas() throws {
        let full = try ProviderSchemas.load(path: try #require(SharedSchemas.directory))
        #expect(try Self.findings("valid/paved-output.tf.json", schemas: full) == [])
        #expect(try Self.findings("invalid/type-mismatch.tf.json", schemas: full) == Self.expected["invalid/type-mismatch.tf.json"])
        #expect(try Self.findings("invalid/unknown-resource-type.tf.json", schemas: full) == Self.expected["invalid/unknown-resource-type.tf.json"])
    }

    // MARK: - In memory

    @Test func validatesARenderedValueWithTheLinesOfItsFile() throws {
        let config = JSON.object([
            "terraform": .object(["required_providers": .object(["aws": .object(["source": .string("hashicorp/aws")])])]),
            "resource": .object(["aws_s3_bucket": .object(["raw": .object([
                "//": .object(["construct": .string("acme/raw"), "source": .string("Acme/Platform.swift:7:5")]),
                "bucket": .string("acme-raw"),
                "versioning": .object(["enabled": .string("maybe")]),
            ])])]),
        ])
        let diagnostics = SchemaValidator(schemas: Self.schemas).validate(rendered: config, file: "out/dev/main.tf.json")
        #expect(diagnostics.map(\.description) == [
            #"out/dev/main.tf.json:11: error: attribute "enabled" of aws_s3_bucket.raw.versioning must be bool, got string "maybe" (at /resource/aws_s3_bucket/raw/versioning/enabled)"#,
            "Acme/Platform.swift:7:5: note: aws_s3_bucket.raw was synthesized from construct acme/raw",
        ])
        #expect(diagnostics.first?.location == SourceLocation(file: "out/dev/main.tf.json", line: 11))
        #expect(diagnostics.first?.jsonPointer == "/resource/aws_s3_bucket/raw/versioning/enabled")
        #expect(diagnostics.last?.severity == .note)
    }

    /// `synth` validates the tree the renderer writes, and parses the text only when the tree has
    /// findings: the diagnostics are those of validating the text, and a clean tree means clean text
    /// (integral numbers, escaped templates and comments included).
    @Test func aRenderedTreeValidatesAsItsText() throws {
        let settings = TerraformSettings(requiredVersion: ">= 1.6.0", requiredProviders: ["aws": ProviderRequirement(source: "hashicorp/aws", version: "~> 6.25.0")])
        let here = SourceLocation(file: "Acme/Platform.swift", line: 7)
        let good = Resource(
            .resource("aws_iam_role", "etl"),
            arguments: ["name": "etl-${x}", "assume_role_policy": "{}", "max_session_duration": .double(3600)],
            provenance: Provenance(constructPath: "acme/etl", location: here))
        let bad = Resource(
            .resource("aws_s3_bucket", "raw"), arguments: ["bucket": "raw", "force_destroy": "yes", "bukcet": 1],
            provenance: Provenance(constructPath: "acme/raw", location: here))
        let validator = SchemaValidator(schemas: Self.schemas)
        for resources in [[good], [good, bad]] {
            let configuration = Configuration(terraform: settings, resources: resources)
            let renderer = TerraformRenderer()
            let bytes = renderer.renderBytes(configuration)
            let viaTree = validator.validate(rendered: renderer.json(configuration), text: bytes, file: "dev/main.tf.json")
            #expect(viaTree == validator.validate(text: bytes, file: "dev/main.tf.json"))
            #expect(viaTree.isEmpty == (resources.count == 1))
        }
    }

    @Test func notAnObjectAtTheTop() {
        let diagnostics = SchemaValidator(schemas: Self.schemas).validate(text: Array("[1]".utf8), file: "x.tf.json")
        #expect(diagnostics.map(\.description) == ["x.tf.json:1: error: a Terraform JSON configuration must be an object, got array (at /)"])
    }

    @Test func deterministicAcrossRuns() throws {
        let first = try Self.findings("invalid/type-mismatch.tf.json")
        for _ in 0..<5 { #expect(try Self.findings("invalid/type-mismatch.tf.json") == first) }
    }

    /// Large modules validate their blocks in shares on every core: the findings are those of one
    /// run over all of them, and what is reported once per module (a provider missing from
    /// required_providers, an unknown type, a provider without schema) is reported once, at its
    /// first block, although every share meets it.
    @Test func sharesFindWhatOneRunFinds() throws {
        var buckets: [String: JSON] = [:], typos: [String: JSON] = [:], randoms: [String: JSON] = [:]
        var documents: [String: JSON] = [:]
        for i in 0..<3_000 {
            buckets["b\(i)"] = .object(["bucket": .string("b\(i)"), i % 500 == 7 ? "bukcet" : "force_destroy": .bool(false)])
            documents["d\(i)"] = .object(["statement": .array([.object(["actions": .array([.string("s3:GetObject")])])])])
            if i % 300 == 0 { typos["t\(i)"] = .object(["bucket": .string("t\(i)")]) }
            if i % 400 == 0 { randoms["r\(i)"] = .object(["byte_length": .int(8)]) }
        }
        let root = JSON.object([
            "resource": .object(["aws_s3_bucket": .object(buckets), "aws_s3_bukcet": .object(typos), "random_id": .object(randoms)]),
            "data": .object(["aws_iam_policy_document": .object(documents)]),
        ])
        let document = try JSONDocument(parsing: JSONWriter().bytes(root), file: "big.tf.json")
        func findings(shareThreshold: Int) -> [String] {
            let run = ModuleValidation(schemas: Self.schemas, documents: [document])
            run.shareThreshold = shareThreshold
            run.run()
            return run.results().flatMap { [$0.diagnostic] + $0.notes }.map(\.description)
        }
        let oneRun = findings(shareThreshold: .max)
        let shares = findings(shareThreshold: 100)
        #expect(shares == oneRun)
        #expect(oneRun.count { $0.contains("missing from terraform.required_providers") } == 2)  // aws, random
        #expect(oneRun.count { $0.contains(#"unknown resource type "aws_s3_bukcet""#) } == 1)
        #expect(oneRun.count { $0.contains("no schema loaded for provider registry.terraform.io/hashicorp/random") } == 1)
        #expect(oneRun.count { $0.contains(#"unknown attribute or block "bukcet""#) } == 6)
        // Data sources are validated first; of their names, "d0" sorts first.
        #expect(oneRun.first { $0.contains("missing from terraform.required_providers") }?.contains("data.aws_iam_policy_document.d0 ") == true)
    }
}

/// Schema features the shipped provider schemas do not use (nested attributes, map blocks,
/// `min_items` above 1, object and tuple types), on a made-up provider.
@Suite struct SchemaValidatorSyntheticTests {
    static let schemaText = """
        {"format_version": "1.0", "provider_schemas": {"registry.terraform.io/acme/widgets": {
          "provider": {"version": 0, "block": {"attributes": {"region": {"type": "string", "required": true}}}},
          "resource_schemas": {"widgets_box": {"version": 0, "block": {
            "attributes": {
              "name": {"type": "string", "required": true},
              "shape": {"type": ["object", {"w": "number", "h": "number"}, ["h"]], "optional": true},
              "pair": {"type": ["tuple", ["string", "bool"]], "optional": true},
              "anything": {"type": "dynamic", "optional": true},
              "ports": {"nested_type": {"nesting_mode": "list", "min_items": 1, "max_items": 2,
                "attributes": {"port": {"type": "number", "required": true}}}, "optional": true}
            },
            "block_types": {
              "hinge": {"nesting_mode": "list", "min_items": 2, "block": {"attributes": {"side": {"type": "string", "optional": true}}}},
              "label": {"nesting_mode": "map", "block": {"attributes": {"text": {"type": "string", "required": true}}}},
              "settings": {"nesting_mode": "group", "block": {"attributes": {"mode": {"type": "string", "optional": true}}}}
            }
          }}}
        }}}
        """

    static func validate(_ text: String) throws -> [String] {
        let schemas = try ProviderSchemas.decode(Array(schemaText.utf8), file: "widgets.json")
        return SchemaValidator(schemas: schemas).validate(text: Array(text.utf8), file: "w.tf.json").map(\.description)
    }

    static let header = #"{"terraform": {"required_providers": {"widgets": {"source": "acme/widgets"}}}, "provider": {"widgets": {"region": "x"}},"#

    @Test func validBox() throws {
        let text = Self.header + """
            "resource": {"widgets_box": {"b": {
              "name": "box", "shape": {"w": 1}, "pair": ["a", true], "anything": {"x": [1, {"y": null}]},
              "ports": [{"port": 80}, {"port": "${var.p}"}],
              "hinge": [{"side": "left"}, {"side": "right"}],
              "label": {"front": {"text": "hi"}, "back": [{"text": "there"}]},
              "settings": {"mode": "fast"}
            }}},
            "variable": {"p": {}}}
            """
        #expect(try Self.validate(text) == [])
    }

    @Test func problems() throws {
        let text = Self.header + """
            "resource": {"widgets_box": {"b": {
              "name": "box", "shape": {"w": "wide", "d": 1}, "pair": ["a"],
              "ports": [{"prt": 80}, {"port": 1}, {"port": 2}],
              "hinge": {"side": "left"},
              "label": ["front"],
              "settings": [{}, {}]
            }}}}
            """
        #expect(try Self.validate(text) == [
            #"w.tf.json:2: error: attribute "shape" of widgets_box.b must be object: element .w must be number, got string "wide" (at /resource/widgets_box/b/shape/w)"#,
            #"w.tf.json:2: error: attribute "shape" of widgets_box.b must be object: unexpected attribute "d"; did you mean "h"? (at /resource/widgets_box/b/shape/d)"#,
            #"w.tf.json:2: error: attribute "pair" of widgets_box.b must be tuple, got array (at /resource/widgets_box/b/pair)"#,
            #"w.tf.json:3: error: attribute "ports" of widgets_box.b has too many elements: at most 2 allowed, got 3 (at /resource/widgets_box/b/ports)"#,
            #"w.tf.json:3: error: missing required attribute "port" in widgets_box.b.ports (at /resource/widgets_box/b/ports/0)"#,
            #"w.tf.json:3: error: unknown attribute or block "prt" in widgets_box.b.ports; did you mean "port"? (at /resource/widgets_box/b/ports/0/prt)"#,
            #"w.tf.json:4: error: too few "hinge" blocks in widgets_box.b: at least 2 required, got 1 (at /resource/widgets_box/b/hinge)"#,
            #"w.tf.json:5: error: block "label" in widgets_box.b must be an object, got string "front" (at /resource/widgets_box/b/label/0)"#,
            #"w.tf.json:6: error: too many "settings" blocks in widgets_box.b: at most 1 allowed, got 2 (at /resource/widgets_box/b/settings)"#,
        ])
    }

    @Test func providerBlocks() throws {
        let text = #"{"terraform": {"required_providers": {"widgets": {"source": "acme/widgets"}}}, "provider": {"widgets": [{"alias": "b", "regoin": "x"}]}}"#
        #expect(try Self.validate(text) == [
            #"w.tf.json:1: error: missing required attribute "region" in provider.widgets (at /provider/widgets/0)"#,
            #"w.tf.json:1: error: unknown attribute or block "regoin" in provider.widgets; did you mean "region"? (at /provider/widgets/0/regoin)"#,
        ])
    }

    @Test func deepValuesWithinTheParserCapDoNotOverflow() async throws {
        let depth = 500
        let value = String(repeating: "[", count: depth) + "\"${var.nope}\"" + String(repeating: "]", count: depth)
        let text = Self.header + #""resource": {"widgets_box": {"b": {"name": "n", "anything": "# + value + #", "hinge": [{}, {}]}}}}"#
        let findings = try await Task.detached { try Self.validate(text) }.value
        #expect(findings.count == 1)
        #expect(findings.first?.hasPrefix("w.tf.json:1: error: reference to undeclared variable var.nope (at /resource/widgets_box/b/anything/0/0/") == true)
    }
}

/// Hostile input: mutated fixtures must give errors, never crashes.
@Suite struct ValidatorRobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func mutatedFixturesNeverCrash() throws {
        let root = try SchemaValidatorTests.fixtureRoot()
        let original = try #require(FileManager.default.contents(atPath: root + "/valid/paved-output.tf.json")).map { $0 }
        let alphabet = Array(#"{}[]":,"${}.\ 0123456789abcdefghijklmnopqrstuvwxyz_-tfn/~%"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]
        let validator = SchemaValidator(schemas: SchemaValidatorTests.schemas)
        var generator = Generator(state: 42)
        var parsed = 0
        for _ in 0..<1500 {
            var bytes = original
            for _ in 0..<(1 + generator.next(4)) {
                let at = generator.next(bytes.count)
                switch generator.next(3) {
                case 0: bytes[at] = alphabet[generator.next(alphabet.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[generator.next(alphabet.count)], at: at)
                }
            }
            let diagnostics = validator.validate(text: bytes, file: "m.tf.json")
            if diagnostics.allSatisfy({ $0.location?.column == nil }) { parsed += 1 }
        }
        // Some mutations keep the JSON valid and reach the validator.
        #expect(parsed > 100)
    }
}
