import Testing
@testable import PavedTerraform

@Suite struct RenderTests {
    let bucket = ResourceAddress.resource("aws_s3_bucket", "raw")
    let role = ResourceAddress.resource("aws_iam_role", "etl")

    @Test func literalTemplateSequencesAreEscaped() {
        #expect(Value.string("cost is ${price} and %{if x}").renderedJSON == .string("cost is $${price} and %%{if x}"))
        #expect(Value.string("plain $ and % and {braces}").renderedJSON == .string("plain $ and % and {braces}"))
        #expect(Value.object(["${key}": "v"]).renderedJSON == .object(["$${key}": .string("v")]))
        #expect(Value.template([.literal("a${b}/"), .expression(bucket.attribute("arn"))]).renderedJSON
            == .string("a$${b}/${aws_s3_bucket.raw.arn}"))
    }

    @Test func referencesRenderAsInterpolations() {
        #expect(Value.ref(role, "arn").renderedJSON == .string("${aws_iam_role.etl.arn}"))
        #expect(Value.ref(.data("aws_iam_policy_document", "trust"), "json").renderedJSON
            == .string("${data.aws_iam_policy_document.trust.json}"))
        let indexed = Expression.reference(Reference(bucket, steps: [.attribute("rule"), .index(0), .attribute("id")]))
        #expect(indexed.hclText == "aws_s3_bucket.raw.rule[0].id")
        #expect(Value.variable("region").renderedJSON == .string("${var.region}"))
        #expect(Value.local("tags").renderedJSON == .string("${local.tags}"))
        #expect(Value.expression(.moduleOutput(module: "net", output: "vpc_id")).renderedJSON == .string("${module.net.vpc_id}"))
        #expect(Value.raw("length(var.names) > 0").renderedJSON == .string("${length(var.names) > 0}"))
    }

    @Test func functionCallsWriteHCLArguments() {
        let policy = Value.jsonencode([
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Resource": .ref(bucket, "arn"), "Note": "say \"hi\" ${x}"]],
        ])
        #expect(policy.renderedJSON == .string(
            #"${jsonencode({"Statement" = [{"Effect" = "Allow", "Note" = "say \"hi\" $${x}", "Resource" = aws_s3_bucket.raw.arn}], "Version" = "2012-10-17"})}"#))
    }

    @Test func writerSortsKeysIndentsAndEndsWithNewline() {
        let json = JSON.object(["b": .array([.int(1), .double(2.5), .null]), "a": .object([:]), "//": .string("x\n\"y\"\u{1}")])
        #expect(JSONWriter().render(json) == """
            {
              "//": "x\\n\\"y\\"\\u0001",
              "a": {},
              "b": [
                1,
                2.5,
                null
              ]
            }

            """)
    }

    @Test func fullConfigurationRendersEveryBlock() {
        let here = PavedTerraform.SourceLocation(file: "Infra/Main.swift", line: 7)
        var config = Configuration(
            terraform: TerraformSettings(
                requiredVersion: ">= 1.6.0",
                requiredProviders: ["aws": ProviderRequirement(source: "hashicorp/aws", version: "~> 6.25.0")],
                backend: .s3(bucket: "state", key: "k.tfstate", region: "eu-west-1")),
            providers: [
                ProviderConfiguration("aws", alias: "use1", arguments: ["region": "us-east-1"]),
                ProviderConfiguration("aws", arguments: ["region": "eu-west-1"]),
            ],
            resources: [
                Resource(
                    role, arguments: ["name": "etl", "assume_role_policy": .ref(.data("aws_iam_policy_document", "t"), "json")],
                    provenance: Provenance(constructPath: "acme/etl", location: here)),
                Resource(.data("aws_iam_policy_document", "t"), arguments: ["statement": [["actions": ["sts:AssumeRole"]]]]),
                Resource(
                    bucket, arguments: ["bucket": "raw"], dependsOn: [role], count: 1, provider: ProviderReference("aws", alias: "use1"),
                    lifecycle: Lifecycle(preventDestroy: true, createBeforeDestroy: false, ignoreChanges: .attributes(["tags"]))),
            ],
            variables: [Variable(
                "env", type: "string", default: "dev", description: "Environment", sensitive: false, nullable: false,
                validations: [.init(condition: .raw("contains([\"dev\", \"prod\"], var.env)"), errorMessage: "dev or prod")])],
            outputs: [Output("role_arn", value: .ref(role, "arn"), description: "The role", sensitive: false)],
            locals: ["prefix": "acme-${env}"],
            modules: [ModuleCall("net", source: "./modules/net", version: nil, inputs: ["cidr": "10.0.0.0/16"])],
            moved: [Moved(from: .resource("aws_s3_bucket", "old"), to: bucket)])
        #expect(ConfigurationChecker().check(config) == [])
        #expect(TerraformRenderer().render(config) == """
            {
              "data": {
                "aws_iam_policy_document": {
                  "t": {
                    "statement": [
                      {
                        "actions": [
                          "sts:AssumeRole"
                        ]
                      }
                    ]
                  }
                }
              },
              "locals": {
                "prefix": "acme-$${env}"
              },
              "module": {
                "net": {
                  "cidr": "10.0.0.0/16",
                  "source": "./modules/net"
                }
              },
              "moved": [
                {
                  "from": "aws_s3_bucket.old",
                  "to": "aws_s3_bucket.raw"
                }
              ],
              "output": {
                "role_arn": {
                  "description": "The role",
                  "sensitive": false,
                  "value": "${aws_iam_role.etl.arn}"
                }
              },
              "provider": {
                "aws": [
                  {
                    "region": "eu-west-1"
                  },
                  {
                    "alias": "use1",
                    "region": "us-east-1"
                  }
                ]
              },
              "resource": {
                "aws_iam_role": {
                  "etl": {
                    "//": {
                      "construct": "acme/etl",
                      "source": "Infra/Main.swift:7"
                    },
                    "assume_role_policy": "${data.aws_iam_policy_document.t.json}",
                    "name": "etl"
                  }
                },
                "aws_s3_bucket": {
                  "raw": {
                    "bucket": "raw",
                    "count": 1,
                    "depends_on": [
                      "aws_iam_role.etl"
                    ],
                    "lifecycle": {
                      "create_before_destroy": false,
                      "ignore_changes": [
                        "tags"
                      ],
                      "prevent_destroy": true
                    },
                    "provider": "aws.use1"
                  }
                }
              },
              "terraform": {
                "backend": {
                  "s3": {
                    "bucket": "state",
                    "encrypt": true,
                    "key": "k.tfstate",
                    "region": "eu-west-1",
                    "use_lockfile": true
                  }
                },
                "required_providers": {
                  "aws": {
                    "source": "hashicorp/aws",
                    "version": "~> 6.25.0"
                  }
                },
                "required_version": ">= 1.6.0"
              },
              "variable": {
                "env": {
                  "default": "dev",
                  "description": "Environment",
                  "nullable": false,
                  "sensitive": false,
                  "type": "string",
                  "validation": [
                    {
                      "condition": "${contains([\\"dev\\", \\"prod\\"], var.env)}",
                      "error_message": "dev or prod"
                    }
                  ]
                }
              }
            }

            """)
        config.terraform.backend = .cloud(organization: "acme", workspace: "data-prod")
        #expect(TerraformRenderer().json(config)["terraform"]?["cloud"] == .object([
            "organization": .string("acme"), "workspaces": .object(["name": .string("data-prod")]),
        ]))
        #expect(TerraformRenderer().json(config)["terraform"]?["backend"] == nil)
    }

    @Test func backendsRenderUnderTheirType() {
        func backend(_ b: Backend) -> JSON? {
            TerraformRenderer().json(Configuration(terraform: TerraformSettings(backend: b)))["terraform"]?["backend"]
        }
        #expect(backend(.gcs(bucket: "st", prefix: "acme")) == .object(["gcs": .object(["bucket": .string("st"), "prefix": .string("acme")])]))
        #expect(backend(.local(path: "x.tfstate")) == .object(["local": .object(["path": .string("x.tfstate")])]))
        #expect(backend(.remote(organization: "acme", workspace: "w")) == .object(["remote": .object([
            "organization": .string("acme"), "workspaces": .object(["name": .string("w")]),
        ])]))
    }

    @Test func renderingIsDeterministic() {
        var resources: [Resource] = []
        for i in (0..<200).reversed() {
            resources.append(Resource(.resource("aws_s3_bucket", "b\(i)"), arguments: ["bucket": .string("b\(i)"), "tags": ["k\(i % 7)": "v"]]))
        }
        let a = TerraformRenderer().render(Configuration(resources: resources))
        let b = TerraformRenderer().render(Configuration(resources: resources.shuffled()))
        #expect(a == b)
    }

    @Test func streamedBytesEqualTheJSONTreePath() {
        let here = PavedTerraform.SourceLocation(file: "Infra/Main.swift", line: 3)
        let waiver = Provenance.Waiver(rule: "R-1", reason: "a reason long enough", owner: "me", expires: "2027-01-01", location: here)
        var resources: [Resource] = []
        for i in 0..<50 {
            resources.append(Resource(
                .resource(i % 2 == 0 ? "aws_s3_bucket" : "aws_kms_key", "r\(i)"),
                arguments: [
                    "name": .string("n-${\(i)}-é"), "n": .int(i), "d": .double(Double(i) / 4), "flag": .bool(i % 3 == 0),
                    "nothing": .null, "list": [], "obj": [:], "${k}": ["z": 1, "a": ["b": "\u{1}\"\\"], "é": true, "e": false],
                    "ref": i > 0 ? .ref(.resource(i % 2 == 1 ? "aws_s3_bucket" : "aws_kms_key", "r\(i - 1)"), "arn") : nil,
                    "tpl": .template([.literal("x%{y}"), .expression(.variable("v"))]),
                    // Object keys with template sequences are escaped, which can reorder them.
                    "keys": ["a": 1, "${x}": 2, "%{": ["%{y}": 3, "b": 4], "$${": 5, "{": 6],
                ],
                dependsOn: i > 1 ? [.resource(i % 2 == 0 ? "aws_s3_bucket" : "aws_kms_key", "r\(i - 2)")] : [],
                count: i == 7 ? 2 : nil, provider: i == 9 ? ProviderReference("aws", alias: "b") : nil,
                lifecycle: i == 11 ? Lifecycle(ignoreChanges: .all) : nil,
                provenance: Provenance(constructPath: "p/r\(i)", location: here, waivers: i == 5 ? [waiver] : [])))
            resources.append(Resource(.data("aws_iam_policy_document", "d\(i)"), arguments: i % 5 == 0 ? [:] : ["json": "x"]))
        }
        let config = Configuration(
            terraform: TerraformSettings(requiredVersion: ">= 1.6.0"), resources: resources.shuffled(),
            variables: [Variable("v", type: "string")], outputs: [Output("o", value: .ref(.resource("aws_s3_bucket", "r0"), "id"))])
        #expect(TerraformRenderer().render(config) == JSONWriter().render(TerraformRenderer().json(config)))
    }

    /// Chunks carry their own separators and type headers: the bytes do not depend on where the
    /// chunk boundaries fall (a type change, or a duplicate address, right at a boundary).
    @Test func chunkBoundariesDoNotChangeTheBytes() {
        var resources: [Resource] = []
        for (type, count) in [("aws_iam_role", 1), ("aws_kms_key", 3), ("aws_s3_bucket", 4), ("aws_sqs_queue", 2)] {
            for i in 0..<count {
                resources.append(Resource(.resource(type, "r\(i)"), arguments: ["n": .int(i)], provenance: Provenance(
                    constructPath: "p/r\(i)", location: SourceLocation(file: "M.swift", line: i + 1, column: i == 2 ? 7 : nil))))
            }
        }
        resources.append(Resource(.data("aws_caller_identity", "me")))
        resources.append(Resource(.data("aws_region", "here")))
        let config = Configuration(resources: resources)
        let expected = JSONWriter().render(TerraformRenderer().json(config))
        for chunkSize in 1...12 {
            let bytes = StreamingRenderer(chunkSize: chunkSize).render(config, renderer: TerraformRenderer())
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "chunk size \(chunkSize)")
        }

        // A duplicate address renders once (its first declaration), wherever the chunks split.
        var duplicated = resources
        duplicated.insert(Resource(.resource("aws_kms_key", "r1"), arguments: ["n": .int(99)]), at: 3)
        let once = StreamingRenderer(chunkSize: 1024).render(Configuration(resources: duplicated), renderer: TerraformRenderer())
        for chunkSize in 1...12 {
            #expect(StreamingRenderer(chunkSize: chunkSize).render(Configuration(resources: duplicated), renderer: TerraformRenderer()) == once)
        }
        #expect(!String(decoding: once, as: UTF8.self).contains("99"))
    }

    /// The document is written into storage reserved from an estimate; what does not fit spills
    /// and is appended. Wherever the estimate runs out (in the header, between chunks, inside one),
    /// the bytes are the same.
    @Test func aDocumentLargerThanItsReservationIsWhole() {
        var resources: [Resource] = []
        for i in 0..<40 {
            resources.append(Resource(.resource(i % 3 == 0 ? "aws_kms_key" : "aws_s3_bucket", "r\(i)"), arguments: ["n": .int(i)]))
        }
        resources.append(Resource(.data("aws_region", "here")))
        let config = Configuration(
            terraform: TerraformSettings(requiredVersion: ">= 1.6.0"), resources: resources,
            variables: [Variable("v", type: "string")])
        let expected = JSONWriter().render(TerraformRenderer().json(config))
        #expect(expected.utf8.count > 1_500)
        for reserved in [0, 1, 64, 700, 1_200, 100_000] {
            for chunkSize in [1, 7, 1024] {
                var renderer = StreamingRenderer(chunkSize: chunkSize)
                renderer.reservedBytes = reserved
                renderer.reservedBytesPerBlock = 0
                let bytes = renderer.render(config, renderer: TerraformRenderer())
                #expect(String(decoding: bytes, as: UTF8.self) == expected, "reserved \(reserved), chunk size \(chunkSize)")
            }
        }
    }

    /// Blocks without meta-arguments take a shorter path (the provenance comment, then the
    /// arguments): whatever their keys, the bytes are the JSON tree's. A set meta-argument wins
    /// over an argument of the same name (`"//"`, `count`) on both paths.
    @Test func blocksWithoutMetaArgumentsRenderAsTheTree() {
        let here = Provenance(constructPath: "p/b", location: SourceLocation(file: "M.swift", line: 9))
        let argumentSets: [Members] = [
            [:], ["a": 1], ["bucket": "x", "tags": .object(["k": "v"])], ["$x": 1, "a": 2], ["!": 1], ["-a": 1, "b": 2],
            ["//": "mine", "a": 1], ["/": 1, "0": 2], ["0": 1], ["_x": 1], ["count": 3], ["provider": "aws.x"],
        ]
        var resources: [Resource] = []
        for (i, arguments) in argumentSets.enumerated() {
            resources.append(Resource(.resource("aws_s3_bucket", "p\(i)"), arguments: arguments, provenance: here))
            resources.append(Resource(.resource("aws_s3_bucket", "n\(i)"), arguments: arguments))
            resources.append(Resource(.resource("aws_s3_bucket", "m\(i)"), arguments: arguments, count: 2, provenance: here))
        }
        for r in resources {
            let config = Configuration(resources: [r])
            #expect(TerraformRenderer().render(config) == JSONWriter().render(TerraformRenderer().json(config)), "\(r.address) \(r.arguments.map(\.key))")
        }
    }

    /// An object of literals written before at the same indent (tags the synthesizer shares among
    /// blocks) is copied from where it was written: the bytes stay the JSON tree's, at any indent,
    /// after other objects push it out of the recent set, and after an object holding it is
    /// written again with escaped keys (which truncates what it had written, the copy included).
    @Test func sharedObjectsRenderAsTheTree() {
        let tags: Members = ["owner": "data@acme.io", "team": "data", "tier": "tier1", "cost_center": "cc-1"]
        var resources: [Resource] = []
        for i in 0..<30 {
            var arguments: Members = ["tags": .object(tags), "name": .string("r\(i)")]
            if i % 3 == 0 { arguments["nested"] = ["tags": .object(tags), "n": .int(i)] }
            if i % 4 == 1 { for k in 0..<5 { arguments["other\(k)"] = ["k": .int(k), "i": .int(i)] } }
            // "$a" is written (and its tags kept) before "${" stops the object, which is written
            // again escaped, "$${" now first: the kept copy's bytes are overwritten.
            if i % 5 == 2 { arguments["escaped"] = ["$a": .object(tags), "${": "x", "c": .object(tags)] }
            resources.append(Resource(.resource(i % 2 == 0 ? "aws_s3_bucket" : "aws_kms_key", "r\(i)"), arguments: arguments))
        }
        let config = Configuration(resources: resources)
        let expected = JSONWriter().render(TerraformRenderer().json(config))
        for chunkSize in [1, 2, 7, 1024] {
            let bytes = StreamingRenderer(chunkSize: chunkSize).render(config, renderer: TerraformRenderer())
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func aRepeatedObjectIsFoundByStorageAndIndent() {
        let tags: Members = ["owner": "data@acme.io", "team": "data"]
        let nested: Members = ["tags": .object(tags)]
        let identity = { (m: Members) in m.storage.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) } }
        var out = ByteSink(capacity: 64)
        StreamingRenderer().write(.object(tags), indent: 2, into: &out)
        let first = out.count
        StreamingRenderer().write(.object(nested), indent: 2, into: &out)
        let written = out.count
        let repeated = out.repeatObject(identity(tags), indent: 2)
        #expect(repeated)
        #expect(out.count == written + first)
        let atOtherIndent = out.repeatObject(identity(tags), indent: 5)
        let holdingAnObject = out.repeatObject(identity(nested), indent: 2)  // not kept
        let equalNotSame = out.repeatObject(identity(["owner": "data@acme.io", "team": "data"]), indent: 2)
        #expect(!atOtherIndent && !holdingAnObject && !equalNotSame)
        out.truncate(to: first - 1)  // the object's last byte is gone: so is its copy
        let truncated = out.repeatObject(identity(tags), indent: 2)
        #expect(!truncated)
    }

    @Test func integersAreWrittenAsTheirDescription() {
        var values = [0, 1, -1, 9, 10, -10, 99, 100, 101, 1_234_567, Int.max, Int.min, Int.min + 1]
        var power = 1
        for _ in 1..<19 {
            power *= 10
            values += [power - 1, power, -power, -power + 1]
        }
        for value in values {
            var out = ByteSink(capacity: 1)
            out.append(value)
            let written = out.take()
            #expect(String(decoding: written.bytes, as: UTF8.self) == String(value))
            written.deallocate()
        }
    }

    /// The eight-bytes-at-a-time test for plain strings agrees with the byte-by-byte rule for
    /// every byte value at every position of strings up to 17 bytes, plain text around it.
    @Test func plainStringTestAgreesWithTheByteRule() {
        for length in 1...17 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = UInt8(value)
                    for noBrace in [false, true] {
                        let expected = !bytes.contains { JSONWriter.needsEscape($0) || (noBrace && $0 == UInt8(ascii: "{")) }
                        let plain = bytes.withUnsafeBufferPointer { JSONWriter.isPlain($0, noBrace: noBrace) }
                        if plain != expected { Issue.record("\(bytes), noBrace \(noBrace)") }
                    }
                }
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { JSONWriter.isPlain($0, noBrace: true) })
        // Two special bytes side by side, and UTF-8 beside a control byte.
        #expect(!Array("abcdefg\u{1}\"".utf8).withUnsafeBufferPointer { JSONWriter.isPlain($0, noBrace: false) })
        #expect(!Array("é\u{1F}é".utf8).withUnsafeBufferPointer { JSONWriter.isPlain($0, noBrace: false) })
        #expect(Array("ééééé".utf8).withUnsafeBufferPointer { JSONWriter.isPlain($0, noBrace: true) })
    }
}
