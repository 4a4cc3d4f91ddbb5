import Foundation
import Testing
@testable import PavedTerraform

@Suite struct SchemaLoaderTests {
    static let sample = """
        {
          "format_version": "1.0",
          "provider_schemas": {
            "registry.terraform.io/acme/widgets": {
              "provider": {
                "version": 0,
                "block": {"attributes": {"region": {"type": "string", "optional": true, "description": "ignored"}}}
              },
              "resource_schemas": {
                "widgets_box": {
                  "version": 2,
                  "block": {
                    "attributes": {
                      "id": {"type": "string", "optional": true, "computed": true},
                      "name": {"type": "string", "required": true},
                      "tags": {"type": ["map", "string"], "optional": true},
                      "sizes": {"type": ["list", ["set", "number"]], "optional": true},
                      "shape": {"type": ["object", {"w": "number", "h": "number"}, ["h"]], "optional": true},
                      "pair": {"type": ["tuple", ["string", "bool"]], "optional": true},
                      "anything": {"type": "dynamic", "optional": true},
                      "arn": {"type": "string", "computed": true, "sensitive": true},
                      "ports": {
                        "nested_type": {
                          "attributes": {"port": {"type": "number", "required": true}},
                          "nesting_mode": "list", "min_items": 1
                        },
                        "optional": true
                      }
                    },
                    "block_types": {
                      "lid": {
                        "nesting_mode": "list", "min_items": 1, "max_items": 1,
                        "block": {"attributes": {"color": {"type": "string", "optional": true}}}
                      },
                      "label": {"nesting_mode": "map", "block": {}},
                      "timeouts": {"nesting_mode": "single", "block": {"attributes": {"create": {"type": "string", "optional": true}}}},
                      "group": {"nesting_mode": "group", "block": {}},
                      "hinge": {"nesting_mode": "set", "max_items": 0, "block": {}}
                    }
                  }
                }
              },
              "data_source_schemas": {
                "widgets_catalog": {"version": 0, "block": {"attributes": {"items": {"type": ["list", "string"], "computed": true}}}}
              }
            }
          }
        }
        """

    @Test func decodesEveryPart() throws {
        let schemas = try ProviderSchemas.decode(Array(Self.sample.utf8), file: "widgets.json")
        #expect(schemas.sources == ["registry.terraform.io/acme/widgets"])
        let provider = try #require(schemas.provider(source: "acme/widgets"))
        #expect(provider.typeName == "widgets")
        #expect(provider.provider.attributes["region"] == SchemaAttribute(type: .string, optional: true))
        let box = try #require(provider.resourceSchemas["widgets_box"])
        #expect(box.version == 2)
        let attrs = box.block.attributes
        #expect(attrs["name"] == SchemaAttribute(type: .string, required: true))
        #expect(attrs["id"] == SchemaAttribute(type: .string, optional: true, computed: true))
        #expect(attrs["tags"]?.type == .map(.string))
        #expect(attrs["sizes"]?.type == .list(.set(.number)))
        #expect(attrs["shape"]?.type == .object(["w": .number, "h": .number], optional: ["h"]))
        #expect(attrs["pair"]?.type == .tuple([.string, .bool]))
        #expect(attrs["anything"]?.type == .dynamic)
        #expect(attrs["arn"]?.isReadOnly == true)
        #expect(attrs["arn"]?.sensitive == true)
        let ports = try #require(attrs["ports"]?.nestedType)
        #expect(ports.nestingMode == .list)
        #expect(ports.minItems == 1)
        #expect(ports.block.attributes["port"] == SchemaAttribute(type: .number, required: true))
        #expect(attrs["ports"]?.typeDescription == "list(object)")
        let blocks = box.block.blockTypes
        #expect(blocks["lid"]?.nestingMode == .list)
        #expect(blocks["lid"]?.minItems == 1)
        #expect(blocks["lid"]?.maxItems == 1)
        #expect(blocks["label"]?.nestingMode == .map)
        #expect(blocks["timeouts"]?.effectiveMaxItems == 1)
        #expect(blocks["group"]?.nestingMode == .group)
        #expect(blocks["hinge"]?.maxItems == nil)
        #expect(box.block.requiredAttributeNames == ["name"])
        #expect(box.block.requiredBlockNames == ["lid"])
        #expect(box.block.memberNames.first == "anything")
        #expect(provider.dataSourceSchemas["widgets_catalog"]?.block.attributes["items"]?.computed == true)
        #expect(schemas.resource("widgets_box")?.provider.source == "registry.terraform.io/acme/widgets")
        #expect(schemas.dataSource("widgets_catalog") != nil)
        #expect(schemas.resource("widgets_catalog") == nil)
        #expect(schemas.provider(localName: "widgets")?.source == "registry.terraform.io/acme/widgets")
    }

    @Test func typeExpressions() {
        let cases: [(String, TerraformType?, String)] = [
            (#""string""#, .string, "string"),
            (#"["list", ["map", "bool"]]"#, .list(.map(.bool)), "list(map(bool))"),
            (#"["object", {"b": "number", "a": "string"}, ["b"]]"#,
             .object(["a": .string, "b": .number], optional: ["b"]), "object({a = string, b = optional(number)})"),
            (#"["tuple", ["string", "number"]]"#, .tuple([.string, .number]), "tuple([string, number])"),
            (#""dynamic""#, .dynamic, "any"),
            (#""str""#, nil, ""),
            (#"["list"]"#, nil, ""),
            (#"["list", "string", "x"]"#, nil, ""),
            (#"["object", ["a"]]"#, nil, ""),
            (#"7"#, nil, ""),
        ]
        for (text, expected, description) in cases {
            let json = (try? JSONParser().parse(text)) ?? .null
            let type = TerraformType(json: json)
            #expect(type == expected, "\(text)")
            if let type {
                #expect(type.description == description)
                #expect(TerraformType(json: type.json) == type)
            }
        }
    }

    @Test func normalizesSourceAddresses() {
        #expect(ProviderSchemas.normalizeSource("hashicorp/aws") == "registry.terraform.io/hashicorp/aws")
        #expect(ProviderSchemas.normalizeSource("aws") == "registry.terraform.io/hashicorp/aws")
        #expect(ProviderSchemas.normalizeSource("Registry.Terraform.io/HashiCorp/AWS") == "registry.terraform.io/hashicorp/aws")
        #expect(ProviderSchemas.normalizeSource("example.com/acme/widgets") == "example.com/acme/widgets")
    }

    @Test(arguments: [
        (#"[]"#, "s.json:1: error: not a provider schema document: expected an object with \"provider_schemas\" (at /)"),
        (#"{"format_version": "1.0"}"#, "s.json:1: error: not a provider schema document: no \"provider_schemas\" key (at /)"),
        (#"{"format_version": "2.0", "provider_schemas": {}}"#,
         "s.json:1: error: unsupported format_version \"2.0\": Paved reads format 1.x (at /format_version)"),
        ("{\n \"provider_schemas\": {\"p/q\": {\"resource_schemas\": {\"q_a\": {\"block\": {\"attributes\": {\n  \"x\": {\"type\": \"strin\"}}}}}}}}",
         "s.json:3: error: invalid type expression \"strin\" (at /provider_schemas/p~1q/resource_schemas/q_a/block/attributes/x/type)"),
        ("{\"provider_schemas\": {\"p/q\": {\"resource_schemas\": {\"q_a\": {\"block\": {\"block_types\": {\n \"b\": {\"nesting_mode\": \"lots\", \"block\": {}}}}}}}}}",
         "s.json:2: error: unknown nesting_mode \"lots\": expected single, group, list, set or map (at /provider_schemas/p~1q/resource_schemas/q_a/block/block_types/b/nesting_mode)"),
        (#"{"provider_schemas": {"p/q": {"resource_schemas": {"q_a": {"block": {"attributes": {"x": {"optional": true}}}}}}}}"#,
         "s.json:1: error: an attribute must have a \"type\" or a \"nested_type\" (at /provider_schemas/p~1q/resource_schemas/q_a/block/attributes/x)"),
        (#"{"provider_schemas": {"p/q": {"resource_schemas": {"q_a": {"version": 0}}}}}"#,
         "s.json:1: error: a schema must have a \"block\" (at /provider_schemas/p~1q/resource_schemas/q_a)"),
        (#"{"provider_schemas": {"p/q": {"resource_schemas": {"q_a": {"block": {"attributes": {"x": {"type": "string", "required": "yes"}}}}}}}}"#,
         "s.json:1: error: \"required\" must be true or false (at /provider_schemas/p~1q/resource_schemas/q_a/block/attributes/x/required)"),
        (#"{"provider_schemas": {"p/q": {"resource_schemas": {"q_a": {"block": {"block_types": {"b": {"nesting_mode": "list", "max_items": -1, "block": {}}}}}}}}}"#,
         "s.json:1: error: \"max_items\" must be a non-negative integer (at /provider_schemas/p~1q/resource_schemas/q_a/block/block_types/b/max_items)"),
        ("{\"provider_schemas\": \n[]}", "s.json:1: error: \"provider_schemas\" must be an object (at /provider_schemas)"),
        ("{\"provider_schemas\": {\n", "s.json:1: error: malformed JSON: unclosed object: end of input before its closing '}' (column 22)"),
    ])
    func malformedSchemas(text: String, expected: String) {
        do {
            _ = try ProviderSchemas.decode(Array(text.utf8), file: "s.json")
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func loadsAFileOrADirectory() throws {
        let dir = try TemporaryDirectory()
        try dir.write("b.json", Self.sample)
        let other = Self.sample.replacingOccurrences(of: "acme/widgets", with: "acme/gadgets")
        try dir.write("a.json", other)
        try dir.write("notes.txt", "not a schema")
        let one = try ProviderSchemas.load(path: dir.path("b.json"))
        #expect(one.sources == ["registry.terraform.io/acme/widgets"])
        let both = try ProviderSchemas.load(path: dir.url.path)
        #expect(both.sources == ["registry.terraform.io/acme/gadgets", "registry.terraform.io/acme/widgets"])

        try dir.write("c.json", Self.sample)
        #expect(throws: SchemaLoadError(
            file: dir.path("c.json"), line: 3, jsonPointer: "/provider_schemas",
            message: "provider registry.terraform.io/acme/widgets is also defined in \(dir.path("b.json"))")) {
            try ProviderSchemas.load(path: dir.url.path)
        }
        #expect(throws: SchemaLoadError(file: dir.path("missing"), message: "no such file or directory")) {
            try ProviderSchemas.load(path: dir.path("missing"))
        }
        let empty = try TemporaryDirectory()
        #expect(throws: SchemaLoadError(file: empty.url.path, message: "no *.json schema files in directory")) {
            try ProviderSchemas.load(path: empty.url.path)
        }
    }

    @Test func severalProvidersInOneDocument() throws {
        let text = """
            {"format_version": "1.0", "provider_schemas": {
              "registry.terraform.io/hashicorp/random": {"resource_schemas": {"random_id": {"version": 0, "block": {}}}},
              "registry.terraform.io/hashicorp/null": {"resource_schemas": {"null_resource": {"version": 0, "block": {}}}}
            }}
            """
        let schemas = try ProviderSchemas.decode(Array(text.utf8), file: "team.json")
        #expect(schemas.sources == ["registry.terraform.io/hashicorp/null", "registry.terraform.io/hashicorp/random"])
        #expect(schemas.resource("random_id")?.provider.typeName == "random")
        #expect(schemas.provider(localName: "null")?.source == "registry.terraform.io/hashicorp/null")
    }

    @Test(.enabled(if: SharedSchemas.directory != nil, "\(SharedSchemas.missingMessage)"))
    func loadsTheRealProviderSchemas() throws {
        let dir = try #require(SharedSchemas.directory)
        let schemas = try ProviderSchemas.load(path: dir)
        #expect(schemas.sources == [
            "registry.terraform.io/databricks/databricks", "registry.terraform.io/hashicorp/aws",
            "registry.terraform.io/hashicorp/google", "registry.terraform.io/hashicorp/vault",
            "registry.terraform.io/snowflakedb/snowflake",
        ])
        let aws = try #require(schemas.provider(source: "hashicorp/aws"))
        #expect(aws.resourceSchemas.count == 1581)
        #expect(aws.dataSourceSchemas.count == 630)
        let bucket = try #require(aws.resourceSchemas["aws_s3_bucket"])
        #expect(bucket.block.attributes["bucket"]?.optional == true)
        #expect(bucket.block.blockTypes["versioning"]?.maxItems == 1)
        #expect(schemas.provider(localName: "snowflake")?.resourceSchemas.count == 99)
    }
}

/// Where the project's real provider schemas live: `../shared/schemas` beside the repository
/// (or `PAVED_SHARED_SCHEMAS`).
enum SharedSchemas {
    static let directory: String? = {
        let env = ProcessInfo.processInfo.environment["PAVED_SHARED_SCHEMAS"]
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = env ?? repo.deletingLastPathComponent().appendingPathComponent("shared/schemas").path
        return FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("aws.json")) ? candidate : nil
    }()

    static let missingMessage = "skipped: ../shared/schemas (the real provider schemas) is absent beside the repository"
}

/// A fresh directory under the system temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("paved-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}
