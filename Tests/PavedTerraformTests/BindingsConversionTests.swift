import Foundation
import Testing
@testable import PavedTerraform

/// The generated API in use (the fixture provider's golden sources are compiled into this target)
/// and what it writes: exactly the Terraform JSON the schema expects.
@Suite struct BindingsConversionTests {
    static let upstream = ExamplePipeline.Ref("upstream")
    static let lookup = DataExamplePipeline.Ref("current")

    /// Every shape: required and optional attributes, keywords, sets, maps, nested lists, untyped
    /// values, list/set/map/single/group blocks, `max_items: 1` blocks, nested attributes.
    static let pipeline = ExamplePipeline(
        config: .init(endpoint: "https://example.com", timeout: 30),
        default: "fallback",
        encryption: .init(keyARN: lookup.arn),
        for: "\(upstream.name)-copy",
        in: 2.5,
        ipv6CIDRBlocks: ["2001:db8::/32"],
        limits: ["cpu": 2, "memory": 0.5],
        listeners: [.init(port: 443)],
        matrix: [["a", "b"], [upstream.name]],
        name: "ingest",
        payload: ["any": ["shape": true]],
        ports: [80, 443],
        protocol: "https",
        ref: [.init(target: upstream.arn)],
        route: ["primary": .init(destination: "eu-west-1")],
        self: true,
        stage: [
            .init(
                action: [.init(command: ["run", "--fast"], retry: .init(attempts: 3))],
                filter: [.init()],
                name: "extract",
                value: .init(expression: "${literal}")),
        ],
        tags: ["team": "data", "source": upstream.name],
        target: [.init(arn: "arn:aws:s3:::a"), .init(arn: "arn:aws:s3:::b")],
        terraformArguments_: "a member clash, renamed",
        timeouts: .init(create: "10m"),
        type: .init(kind: "batch"),
        zones: .init(["a", "b"]))

    @Test func argumentsAreWhatTerraformJSONExpects() throws {
        let upstreamName: Value = .expression(.reference(Reference(.resource("example_pipeline", "upstream"), path: ["name"])))
        let expected: Members = [
            "config": ["endpoint": "https://example.com", "timeout": 30],
            "default": "fallback",
            "encryption": [["key_arn": .expression(.reference(Reference(.data("example_pipeline", "current"), path: ["arn"])))]],
            "for": .template([.expression(.reference(Reference(.resource("example_pipeline", "upstream"), path: ["name"]))), .literal("-copy")]),
            "in": .double(2.5),
            "ipv6_cidr_blocks": ["2001:db8::/32"],
            "limits": ["cpu": 2, "memory": .double(0.5)],
            "listeners": [["port": 443]],
            "matrix": [["a", "b"], [upstreamName]],
            "name": "ingest",
            "payload": ["any": ["shape": true]],
            "ports": [80, 443],
            "protocol": "https",
            "ref": [["target": .ref(.resource("example_pipeline", "upstream"), "arn")]],
            "route": ["primary": ["destination": "eu-west-1"]],
            "self": true,
            "stage": [[
                "action": [["command": ["run", "--fast"], "retry": ["attempts": 3]]],
                "filter": [[:]],
                "name": "extract",
                "value": ["expression": "${literal}"],
            ]],
            "tags": ["team": "data", "source": upstreamName],
            "target": [["arn": "arn:aws:s3:::a"], ["arn": "arn:aws:s3:::b"]],
            "terraform_arguments": "a member clash, renamed",
            "timeouts": ["create": "10m"],
            "type": ["kind": "batch"],
            "zones": ["a", "b"],
        ]
        #expect(Self.pipeline.terraformArguments == expected)
    }

    @Test func unsetArgumentsAndEmptyBlocksAreLeftOut() {
        let minimal = ExamplePipeline(
            encryption: .init(keyARN: "k"), name: "n", protocol: "p",
            stage: [.init(name: "s", value: .init(expression: "e"))], target: [.init(arn: "a")])
        #expect(minimal.terraformArguments == [
            "encryption": [["key_arn": "k"]], "name": "n", "protocol": "p",
            "stage": [["name": "s", "value": ["expression": "e"]]], "target": [["arn": "a"]],
        ])
        #expect(ExampleMarker().terraformArguments == [:])
    }

    @Test func resourceConversionCarriesAddressAndMetaArguments() {
        let resource = Self.pipeline.terraformResource(
            named: "main", dependsOn: [Self.upstream.terraformAddress], lifecycle: Lifecycle(preventDestroy: true))
        #expect(resource.address == .resource("example_pipeline", "main"))
        #expect(resource.arguments == Self.pipeline.terraformArguments)
        #expect(resource.dependsOn == [.resource("example_pipeline", "upstream")])
        #expect(resource.lifecycle == Lifecycle(preventDestroy: true))
        #expect(resource.referencedAddresses.contains(.data("example_pipeline", "current")))

        let data = DataExamplePipeline(filter: [.init(name: "tag:team", values: ["data"])], name: "ingest")
            .terraformResource(named: "current")
        #expect(data.address == .data("example_pipeline", "current"))
        #expect(data.arguments == ["filter": [["name": "tag:team", "values": ["data"]]], "name": "ingest"])
        #expect(ExamplePipeline.terraformType == "example_pipeline" && ExamplePipeline.terraformMode == .managed)
        #expect(DataExamplePipeline.terraformMode == .data)
    }

    /// The rendered JSON, byte for byte, and clean against the schema it was generated from.
    @Test func rendersAndValidatesAgainstTheSchema() throws {
        let configuration = Configuration(
            terraform: TerraformSettings(requiredProviders: ["example": ProviderRequirement(source: "acme/example", version: "~> 1.0")]),
            resources: [
                Self.pipeline.terraformResource(named: "main"),
                ExamplePipeline(
                    encryption: .init(keyARN: "k"), name: "upstream", protocol: "p",
                    stage: [.init(name: "s", value: .init(expression: "e"))], target: [.init(arn: "a")]
                ).terraformResource(named: "upstream"),
                DataExamplePipeline(name: "x").terraformResource(named: "current"),
            ])
        let text = TerraformRenderer().render(configuration)
        let schemas = try ProviderSchemas.load(path: BindingsPaths.fixtureSchema)
        #expect(SchemaValidator(schemas: schemas).validate(text: Array(text.utf8), file: "main.tf.json").map(\.description) == [])
        BindingsGolden.assertText(text, named: "pipeline.tf.json")
    }

    /// A required block left empty is caught by `validate`, as for hand-written resources.
    @Test func emptyRequiredBlocksAreLeftForTheValidator() throws {
        let configuration = Configuration(
            terraform: TerraformSettings(requiredProviders: ["example": ProviderRequirement(source: "acme/example", version: "~> 1.0")]),
            resources: [ExamplePipeline(encryption: .init(keyARN: "k"), name: "n", protocol: "p", stage: [], target: [])
                .terraformResource(named: "main")])
        let schemas = try ProviderSchemas.load(path: BindingsPaths.fixtureSchema)
        let problems = SchemaValidator(schemas: schemas).validate(text: TerraformRenderer().renderBytes(configuration), file: "main.tf.json")
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.message.contains("stage") || $0.message.contains("target") })
    }

    @Test func refsAreTypedReferences() {
        #expect(Self.upstream.arn.value == .expression(.reference(Reference(.resource("example_pipeline", "upstream"), path: ["arn"]))))
        #expect(Self.upstream.`self`.value == .ref(.resource("example_pipeline", "upstream"), "self"))
        #expect(Self.upstream.outputs == .ref(.resource("example_pipeline", "upstream"), "outputs"))
        #expect(Self.lookup.json.value == .ref(.data("example_pipeline", "current"), "json"))
        #expect(Self.lookup.terraformAddress.description == "data.example_pipeline.current")
        #expect(Self.upstream.terraformReference(.attribute("stage"), .index(0), .attribute("status"))
            == .expression(.reference(Reference(.resource("example_pipeline", "upstream"), steps: [.attribute("stage"), .index(0), .attribute("status")]))))
        #expect(ExamplePipeline.Ref("a") == ExamplePipeline.Ref("a"))
    }
}

/// ``TypedValue``: literals, references, templates.
@Suite struct TypedValueTests {
    static let bucket = ResourceAddress.resource("aws_s3_bucket", "raw")

    @Test func literals() {
        let s: TypedValue<String> = "text ${not code}"
        let n: TypedValue<Double> = 30
        let d: TypedValue<Double> = 0.25
        let b: TypedValue<Bool> = false
        let list: TypedValue<[String]> = ["a", "b"]
        let set: TypedValue<Set<Double>> = [1, 2]
        let map: TypedValue<[String: Bool]> = ["on": true, "off": false]
        let nested: TypedValue<[String: [String]]> = ["k": ["v"]]
        #expect(s.value == .string("text ${not code}"))
        #expect(n.value == .int(30) && d.value == .double(0.25) && b.value == .bool(false))
        #expect(list.value == .list(["a", "b"]) && set.value == .list([1, 2]))
        #expect(map.value == .object(["on": true, "off": false]))
        #expect(nested.value == .object(["k": ["v"]]))
        #expect(TypedValue<String>("x").value == "x")
        #expect(TypedValue<Double>(7).value == .int(7))
        #expect(TypedValue<Double>(1.5).value == .double(1.5))
        #expect(TypedValue<Bool>(true).value == true)
        #expect(TypedValue<[String]>(["a"]).value == ["a"])
        #expect(TypedValue<[String: String]>(["k": "v"]).value == ["k": "v"])
        #expect(!s.isExpression)
    }

    @Test func referencesAndExpressions() {
        let arn = TypedValue<String>(reference: Self.bucket, "arn")
        #expect(arn.value == .ref(Self.bucket, "arn"))
        #expect(arn.isExpression)
        #expect(TypedValue<String>.variable("region").value == .variable("region"))
        #expect(TypedValue<String>.local("prefix").value == .local("prefix"))
        #expect(TypedValue<Double>.raw("length(var.zones)").value == .raw("length(var.zones)"))
        let list: TypedValue<[String]> = [arn, "literal"]
        #expect(list.value == .list([.ref(Self.bucket, "arn"), "literal"]))
        #expect(TypedValue<String>(unchecked: .int(1)).value == .int(1))
    }

    @Test func interpolationMakesTemplates() {
        let arn = TypedValue<String>(reference: Self.bucket, "arn")
        let days: TypedValue<Double> = 30
        let count = TypedValue<Double>(reference: Self.bucket, "count")
        let objects: TypedValue<String> = "\(arn)/*"
        #expect(objects.value == .template([.expression(Self.bucket.attribute("arn")), .literal("/*")]))
        let alone: TypedValue<String> = "\(arn)"
        #expect(alone.value == .ref(Self.bucket, "arn"))
        let name = "raw"
        let literal: TypedValue<String> = "\(name)-\(7)-\(days)-\(true)"
        #expect(literal.value == .string("raw-7-30-true"))
        let mixed: TypedValue<String> = "a\(objects)b\(count)"
        #expect(mixed.value == .template([
            .literal("a"), .expression(Self.bucket.attribute("arn")), .literal("/*b"), .expression(Self.bucket.attribute("count")),
        ]))
        let call: TypedValue<String> = "\(Expression.call("upper", ["x"]))!"
        #expect(call.value == .template([.expression(.call("upper", ["x"])), .literal("!")]))
        let empty: TypedValue<String> = "\("")"
        #expect(empty.value == .string(""))
    }
}
