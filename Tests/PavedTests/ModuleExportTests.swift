import Foundation
@testable import Paved
import PavedTerraform
import PavedTesting
import Testing

/// `paved modules export`: the main constructs as Terraform modules, each the construct's own lowering.
@Suite struct ModuleExportTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules = root.appendingPathComponent("modules")
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/modules")

    /// The committed `modules/` is exactly what the command writes (regenerate with `make modules`).
    @Test func committedModulesDoNotDrift() throws {
        let export = try ModuleExporter().export()
        var drifted: [String] = []
        for file in export.files {
            let existing = FileManager.default.contents(atPath: Self.modules.appendingPathComponent(file.path).path)
            if existing.map(Array.init) != file.bytes { drifted.append("modules/\(file.path)") }
        }
        #expect(drifted == [], "modules/ drifts from `paved modules export`: run `make modules` and commit the result")
        let written = Set(export.files.map(\.path))
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.modules.path).filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: Self.modules.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }
        #expect(Set(onDisk).subtracting(written).sorted() == [], "files in modules/ that the command does not write")
    }

    @Test func exportsTheMainConstructs() throws {
        let export = try ModuleExporter().export()
        #expect(export.modules.map(\.directory) == [
            "bigquery-dataset", "redshift-serverless", "s3-bucket", "secret", "snowflake-warehouse",
        ])
        #expect(export.files.first?.path == "README.md")
        for module in export.modules {
            #expect(module.files.map(\.path) == ["main.tf.json", "outputs.tf.json", "variables.tf.json"].map { "\(module.directory)/\($0)" })
            #expect(export.files.contains { $0.path == "\(module.directory)/README.md" })
        }
    }

    /// One module's four files, byte for byte.
    @Test func s3BucketGolden() throws {
        let export = try ModuleExporter().export()
        for name in ["main.tf.json", "variables.tf.json", "outputs.tf.json", "README.md"] {
            let file = try #require(export.files.first { $0.path == "s3-bucket/\(name)" })
            PavedTesting.assertGolden(String(decoding: file.bytes, as: UTF8.self), at: Self.goldens.appendingPathComponent("s3-bucket/\(name)"))
        }
    }

    /// Each module, its three Terraform files read together as Terraform does, matches the bundled
    /// provider schemas; against the full schemas too when ../shared/schemas is there.
    @Test func everyModuleIsSchemaValid() throws {
        var schemas = [try ProviderSchemas.bundled()]
        if FileManager.default.fileExists(atPath: SchemaValidityTests.sharedSchemas.appendingPathComponent("aws.json").path) {
            schemas.append(try ProviderSchemas.load(path: SchemaValidityTests.sharedSchemas.path))
        }
        let export = try ModuleExporter().export()
        for schema in schemas {
            for module in export.modules {
                let documents = try module.files.map { try JSONDocument(parsing: $0.bytes, file: $0.path) }
                #expect(SchemaValidator(schemas: schema).validate(module: documents).map(\.description) == [], "\(module.directory)")
            }
        }
    }

    /// Modules pin their providers and configure none, and have no backend.
    @Test func modulesPinProvidersAndConfigureNone() throws {
        let exporter = ModuleExporter()
        let expected: [String: ProviderRequirement] = [
            "s3-bucket": ProviderVersions.aws, "secret": ProviderVersions.aws, "redshift-serverless": ProviderVersions.aws,
            "bigquery-dataset": ProviderVersions.google, "snowflake-warehouse": ProviderVersions.snowflake,
        ]
        for definition in exporter.catalog {
            let configuration = try exporter.configuration(of: definition)
            #expect(configuration.providers == [])
            #expect(configuration.terraform.backend == nil)
            #expect(configuration.terraform.requiredVersion == ">= 1.9.0")
            #expect(Array(configuration.terraform.requiredProviders.values) == [expected[definition.directory]].compactMap { $0 }, "\(definition.directory)")
        }
    }

    /// Every input is used by the module's Terraform, and every `var.` the module uses is an input.
    @Test func everyInputIsUsedAndDeclared() throws {
        let export = try ModuleExporter().export()
        for module in export.modules {
            let main = String(decoding: module.files[0].bytes, as: UTF8.self)
            let variables = String(decoding: module.files[2].bytes, as: UTF8.self)
            let definition = try #require(ModuleExporter().catalog.first { $0.directory == module.directory })
            for input in definition.inputs {
                #expect(main.contains("var.\(input.name)"), "\(module.directory): input \(input.name) is not used")
            }
            let used = Set(Self.variableReferences(in: main))
            let declared = Set(definition.inputs.map(\.name))
            #expect(used.subtracting(declared).sorted() == [], "\(module.directory)")
            #expect(Self.variableReferences(in: variables).allSatisfy(declared.contains), "\(module.directory)")
        }
    }

    static func variableReferences(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "var.") {
            let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            out.append(String(name))
            rest = rest[range.upperBound...]
        }
        return out
    }

    /// The module is the construct's lowering: the same blocks with the same arguments as the
    /// construct synthesized in a platform, plus only the access policy documents and the lookups.
    @Test func modulesAreTheConstructsOwnLowering() throws {
        let exporter = ModuleExporter()
        for definition in exporter.catalog {
            let module = try exporter.configuration(of: definition)
            let platform = Platform("acme", owner: "data@acme.io") {
                Environment(.dev, aws: .account("111111111111", region: "eu-west-1"), gcp: .project("acme-dev", region: "europe-west1"))
                for c in [definition.lowered] + definition.context { c }
            }
            let synthesis = Synthesizer().synthesize(platform)
            #expect(synthesis.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
            let stack = try #require(synthesis.stacks.first)
            let own = stack.configuration.resources.filter {
                $0.provenance?.constructPath.hasPrefix("acme/this") == true && $0.provenance?.constructPath != "acme/this/access"
            }
            let added = Set(["data.aws_iam_policy_document.read", "data.aws_iam_policy_document.write",
                             "data.aws_iam_policy_document.read_secret", "data.aws_region.current",
                             "data.aws_caller_identity.current"])
            let moduleBlocks = module.resources.filter { !added.contains($0.address.description) }
            #expect(moduleBlocks.map(\.address) == own.map(\.address), "\(definition.directory)")
            for (m, o) in zip(moduleBlocks, own) {
                #expect(m.arguments.keys.sorted() == o.arguments.keys.sorted(), "\(m.address)")
                #expect(m.dependsOn == o.dependsOn, "\(m.address)")
                #expect(Self.fixedDifferences(.object(m.arguments), .object(o.arguments), at: m.address.description) == [])
            }
        }
    }

    /// Where the module differs from the platform's lowering in a value that comes from no input:
    /// every literal and reference that is not a variable (or a lookup) must be the construct's.
    static func fixedDifferences(_ module: Value, _ platform: Value, at path: String) -> [String] {
        if !comesFromInputs(module) { return module == platform ? [] : [path] }
        switch (module, platform) {
        case (.object(let m), .object(let p)):
            if m.keys.sorted() != p.keys.sorted() { return [path] }
            return m.keys.sorted().flatMap { fixedDifferences(m[$0] ?? .null, p[$0] ?? .null, at: "\(path).\($0)") }
        case (.list(let m), .list(let p)):
            if m.count != p.count { return [path] }
            return zip(m, p).enumerated().flatMap { fixedDifferences($0.element.0, $0.element.1, at: "\(path)[\($0.offset)]") }
        default:
            return []  // an input's value
        }
    }

    /// True when `value` contains a variable, a raw expression over variables, or a module lookup.
    static func comesFromInputs(_ value: Value) -> Bool {
        switch value {
        case .string, .int, .double, .bool, .null: false
        case .list(let items): items.contains(where: comesFromInputs)
        case .object(let members): members.values.contains(where: comesFromInputs)
        case .expression(let e): comesFromInputs(e)
        case .template(let parts): parts.contains { if case .expression(let e) = $0 { comesFromInputs(e) } else { false } }
        }
    }

    static func comesFromInputs(_ expression: PavedTerraform.Expression) -> Bool {
        switch expression {
        case .variable, .raw: true
        case .reference(let r): r.address.mode == .data && ["aws_region", "aws_caller_identity"].contains(r.address.type)
        case .call(_, let arguments): arguments.contains(where: comesFromInputs)
        case .local, .moduleOutput: false
        }
    }

    /// The secure defaults are the construct's, fixed in the module (not inputs).
    @Test func secureDefaultsStayFixed() throws {
        let exporter = ModuleExporter()
        func resource(_ module: String, _ address: String) throws -> Resource {
            let definition = try #require(exporter.catalog.first { $0.directory == module })
            return try #require(try exporter.configuration(of: definition).resources.first { $0.address.description == address })
        }
        let block = try resource("s3-bucket", "aws_s3_bucket_public_access_block.this")
        #expect(["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].map { block.arguments[$0] }
            == [true, true, true, true])
        let workgroup = try resource("redshift-serverless", "aws_redshiftserverless_workgroup.this")
        #expect(workgroup.arguments["publicly_accessible"] == false)
        #expect(workgroup.arguments["enhanced_vpc_routing"] == true)
        let namespace = try resource("redshift-serverless", "aws_redshiftserverless_namespace.this")
        #expect(namespace.arguments["manage_admin_password"] == true)
        #expect(namespace.arguments["admin_user_password"] == nil)
        let key = try resource("secret", "aws_kms_key.secret_this")
        #expect(key.arguments["enable_key_rotation"] == true)
        #expect(key.arguments["tags"] == .variable("tags"))
        let dataset = try resource("bigquery-dataset", "google_bigquery_dataset.this")
        #expect(dataset.arguments["labels"] == .variable("labels"))
        #expect(dataset.arguments["project"] == .variable("project"))
        #expect(dataset.arguments["dataset_id"] == .variable("name"))
        #expect(dataset.arguments["delete_contents_on_destroy"] == false)
        let ring = try resource("bigquery-dataset", "google_kms_key_ring.bq_this")
        #expect(ring.arguments["name"] == .template([.literal("bq-"), .expression(.variable("name"))]))
        let monitor = try resource("snowflake-warehouse", "snowflake_resource_monitor.this")
        #expect(monitor.arguments["name"] == .template([.expression(.variable("name")), .literal("_MONITOR")]))
        let warehouse = try resource("snowflake-warehouse", "snowflake_warehouse.this")
        #expect(warehouse.arguments["resource_monitor"] == .ref(.resource("snowflake_resource_monitor", "this"), "name"))
        #expect(warehouse.arguments["initially_suspended"] == true)
        #expect(try resource("secret", "aws_secretsmanager_secret.this").provenance == nil)
    }

    /// Least privilege in the access policies a consumer attaches to its own roles.
    @Test func accessPoliciesAreTheConstructsStatements() throws {
        let exporter = ModuleExporter()
        let definition = try #require(exporter.catalog.first { $0.directory == "secret" })
        let read = try #require(try exporter.configuration(of: definition).resources.first {
            $0.address.description == "data.aws_iam_policy_document.read_secret"
        })
        let text = TerraformRenderer().render(Configuration(resources: [read]))
        #expect(text.contains("\"secretsmanager:DescribeSecret\",\n              \"secretsmanager:GetSecretValue\"\n            ]"))
        #expect(text.contains("\"kms:Decrypt\"\n            ]"))
        #expect(text.contains("\"${aws_secretsmanager_secret.this.arn}\""))
        #expect(text.contains("\"secretsmanager.${data.aws_region.current.region}.amazonaws.com\""))
        #expect(!text.contains("\"*\""))
    }

    /// Existing platforms lower exactly as before: the module context is off unless set.
    @Test func platformLoweringIsUnchanged() {
        let platform = Platform("acme", owner: "data@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Secret("etl/password")
        }
        let stack = Synthesizer().synthesize(platform).stacks[0].configuration
        let secret = stack.resources.first { $0.address.type == "aws_secretsmanager_secret" }
        #expect(secret?.arguments["name"] == "acme/dev/etl/password")
    }

    // MARK: - Stand-ins and paths

    @Test func standInsBecomeReferences() throws {
        let definition = try #require(ModuleExporter().catalog.first { $0.directory == "s3-bucket" })
        var lookups: [String: Resource] = [:]
        let t = ModuleLowering.token
        #expect(try ModuleExporter.resolve(.string(t("name")), in: definition, lookups: &lookups) == .variable("name"))
        #expect(try ModuleExporter.resolve(.string("s3.\(t("region")).amazonaws.com"), in: definition, lookups: &lookups)
            == .template([.literal("s3."), .expression(.reference(Reference(.data("aws_region", "current"), path: ["region"]))), .literal(".amazonaws.com")]))
        #expect(lookups.keys.sorted() == ["region"])
        #expect(throws: ModuleExportError.self) {
            try ModuleExporter.resolve(.string(t("project")), in: definition, lookups: &lookups)
        }
        #expect(ModuleLowering(construct: "this").physicalName("bq-this") == "bq-\(t("name"))")
    }

    @Test func pathsReplaceOnlyWhatExists() {
        let value: Value = ["rule": [["expiration": [["days": 30]]]]]
        #expect(ModuleExporter.replacing(value, at: ModuleExporter.steps("rule[0].expiration[0].days")[...], with: .variable("d"))
            == ["rule": [["expiration": [["days": .variable("d")]]]]])
        #expect(ModuleExporter.replacing(value, at: ModuleExporter.steps("rule[1].expiration[0].days")[...], with: 1) == nil)
        #expect(ModuleExporter.replacing(value, at: ModuleExporter.steps("rule[0].transition[0].days")[...], with: 1) == nil)
    }

    /// A definition whose input names a block or argument the lowering does not write is an error,
    /// not a silently unused variable.
    @Test func inputsThatMissTheLoweringAreErrors() throws {
        var definition = try #require(ModuleExporter().catalog.first { $0.directory == "s3-bucket" })
        definition.inputs.append(ModuleInput(
            "versioning", "string", "x", default: "Enabled",
            targets: [.at(.resource("aws_s3_bucket_versioning", "this"), "versioning_configuration[0].mfa_delete")]))
        #expect {
            try ModuleExporter(catalog: [definition]).export()
        } throws: { error in
            (error as? ModuleExportError)?.description
                == "module s3-bucket: input versioning targets aws_s3_bucket_versioning.this.versioning_configuration[0].mfa_delete, which the lowering does not write"
        }
        definition.lowered = Bucket("This")
        #expect {
            try ModuleExporter(catalog: [definition]).export()
        } throws: { error in
            (error as? ModuleExportError)?.description.hasPrefix("module s3-bucket: the construct does not lower: ") == true
        }
    }
}
