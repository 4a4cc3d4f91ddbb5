import Testing
@testable import PavedTerraform

@Suite struct GraphTests {
    let here = PavedTerraform.SourceLocation(file: "Infra/Main.swift", line: 10)
    let there = PavedTerraform.SourceLocation(file: "Infra/Main.swift", line: 20)

    func resource(_ type: String, _ name: String, refs: [ResourceAddress] = [], at location: PavedTerraform.SourceLocation? = nil) -> Resource {
        var args: Members = [:]
        for (i, r) in refs.enumerated() { args["ref\(i)"] = .ref(r, "id") }
        return Resource(.resource(type, name), arguments: args, provenance: location.map { Provenance(constructPath: "p/\(name)", location: $0) })
    }

    @Test func invalidIdentifiersAreDiagnosedAtTheDSLLine() {
        let config = Configuration(resources: [resource("aws_s3_bucket", "raw.events", at: here), resource("9aws", "ok", at: there)])
        #expect(ConfigurationChecker().check(config).map(\.description) == [
            "Infra/Main.swift:10: error: invalid name 'raw.events' for aws_s3_bucket: names start with a letter or underscore and contain only letters, digits, underscores and dashes",
            "Infra/Main.swift:20: error: invalid resource type '9aws': names start with a letter or underscore and contain only letters, digits, underscores and dashes",
        ])
    }

    @Test func identifierRules() {
        #expect(Identifier.isValid("aws_s3_bucket"))
        #expect(Identifier.isValid("_x-1"))
        #expect(!Identifier.isValid(""))
        #expect(!Identifier.isValid("1x"))
        #expect(!Identifier.isValid("a b"))
        #expect(Identifier.sanitize("snowflake/etl-password") == "snowflake_etl_password")
        #expect(Identifier.sanitize("9lives") == "_9lives")
        #expect(Identifier.sanitize("--") == "_")
        let cases = [
            ("raw_events", "raw_events"), ("_a", "_a"), ("_", "_"), ("", "_"), ("9", "_9"), ("_9", "_9"), ("-9a", "_9a"),
            ("9_", "_9"), ("a__", "a"), ("a-_b", "a__b"), ("a--b", "a_b"), ("été-1", "t_1"), ("Ab9", "Ab9"), ("a-", "a"),
        ]
        for (text, sanitized) in cases { #expect(Identifier.sanitize(text) == sanitized, "\(text)") }
    }

    @Test func duplicateAddressNamesBothLines() {
        let config = Configuration(resources: [resource("aws_s3_bucket", "raw", at: here), resource("aws_s3_bucket", "raw", at: there)])
        #expect(ConfigurationChecker().check(config).map(\.description) == [
            "Infra/Main.swift:20: error: duplicate address aws_s3_bucket.raw; first declared at Infra/Main.swift:10",
        ])
    }

    @Test func danglingReferencesAreErrors() {
        let missing = ResourceAddress.resource("aws_kms_key", "gone")
        var config = Configuration(resources: [resource("aws_s3_bucket", "raw", refs: [missing], at: here)])
        config.outputs = [Output("x", value: .ref(.data("aws_iam_policy_document", "nope"), "json"), location: there)]
        config.resources[0].arguments["region"] = Value.variable("region")
        #expect(ConfigurationChecker().check(config).map(\.description) == [
            "Infra/Main.swift:10: error: aws_s3_bucket.raw refers to aws_kms_key.gone, which is not declared",
            "Infra/Main.swift:10: error: aws_s3_bucket.raw refers to undeclared variable var.region",
            "Infra/Main.swift:20: error: output x refers to data.aws_iam_policy_document.nope, which is not declared",
        ])
    }

    @Test func cyclesAreNamed() {
        let a = ResourceAddress.resource("aws_iam_role", "a")
        let b = ResourceAddress.resource("aws_iam_role_policy", "b")
        let c = ResourceAddress.resource("aws_kms_key", "c")
        let config = Configuration(resources: [
            resource("aws_iam_role", "a", refs: [b], at: here),
            resource("aws_iam_role_policy", "b", refs: [c]),
            resource("aws_kms_key", "c", refs: [a]),
            resource("aws_s3_bucket", "ok", refs: [a]),
        ])
        #expect(ConfigurationChecker().check(config).map(\.description) == [
            "Infra/Main.swift:10: error: reference cycle: aws_iam_role.a → aws_iam_role_policy.b → aws_kms_key.c → aws_iam_role.a",
        ])
        var selfLoop = Configuration(resources: [resource("aws_s3_bucket", "x", at: there)])
        selfLoop.resources[0].dependsOn = [ResourceAddress.resource("aws_s3_bucket", "x")]
        #expect(ConfigurationChecker().check(selfLoop).map(\.description) == [
            "Infra/Main.swift:20: error: reference cycle: aws_s3_bucket.x → aws_s3_bucket.x",
        ])
    }

    @Test func longChainsDoNotOverflowTheStack() {
        var resources: [Resource] = []
        for i in 0..<50_000 {
            resources.append(resource("null_resource", "n\(i)", refs: i > 0 ? [ResourceAddress.resource("null_resource", "n\(i - 1)")] : []))
        }
        #expect(ConfigurationChecker().check(Configuration(resources: resources)) == [])
    }

    /// Blocks recorded as they are made, then sorted: the checker reads their recorded references
    /// and finds what walking the blocks finds: the same dangling references, undeclared symbols,
    /// cycles and duplicates, in the same words, across chunks of blocks and parts of records.
    @Test func recordedReferencesCheckAsTheWalk() {
        let a = ResourceAddress.resource("aws_iam_role", "a"), b = ResourceAddress.resource("aws_iam_role_policy", "b")
        let c = ResourceAddress.resource("aws_kms_key", "c"), gone = ResourceAddress.resource("aws_kms_key", "gone")
        var blocks = [
            resource("aws_kms_key", "c", refs: [a], at: there),
            resource("aws_iam_role_policy", "b", refs: [c, gone, c]),
            resource("aws_iam_role", "a", refs: [b], at: here),
            resource("aws_s3_bucket", "uses_var", refs: [a], at: here),
            resource("aws_s3_bucket", "counted", at: there),
            resource("aws_s3_bucket", "counted", at: here),  // a duplicate
        ]
        blocks[3].arguments["region"] = .variable("region")
        blocks[3].arguments["nested"] = ["list": [.local("tags"), .template([.literal("x"), .expression(.reference(Reference(gone, attribute: "arn")))])]]
        blocks[4].count = .expression(.call("length", [.ref(c, "id"), .expression(.moduleOutput(module: "net", output: "ids"))]))
        blocks[4].forEach = .ref(b, "id")
        blocks[4].dependsOn = [gone, a]
        // Many blocks in a long chain, in scrambled order: more than one chunk of the check.
        for i in 0..<5_000 {
            blocks.append(resource("null_resource", "n\(i)", refs: i < 4_999 ? [ResourceAddress.resource("null_resource", "n\(i + 1)")] : []))
        }
        blocks[blocks.count - 1].dependsOn = [ResourceAddress.resource("null_resource", "n4990")]  // and a cycle at its end
        blocks = blocks.indices.sorted { ($0 * 7919) % blocks.count < ($1 * 7919) % blocks.count }.map { blocks[$0] }

        // Recorded in two parts, joined, as synthesis records its chunks.
        var parts = [BlockReferences(), BlockReferences()]
        for (i, block) in blocks.enumerated() {
            parts[i < 1_000 ? 0 : 1].record(arguments: block.arguments, count: block.count, forEach: block.forEach, dependsOn: block.dependsOn)
        }
        var references = BlockReferences.joined(&parts)
        #expect(parts.isEmpty && references.count == blocks.count)
        let (sorted, order) = AddressOrder.sortedWithOrder(blocks)
        references.reorder(order)
        var config = Configuration(resources: sorted)
        config.variables = [Variable("other")]
        let walked = ConfigurationChecker().check(config)
        #expect(walked.map(\.description) == [
            "Infra/Main.swift:10: error: duplicate address aws_s3_bucket.counted; first declared at Infra/Main.swift:20",  // scrambled first
            "error: aws_iam_role_policy.b refers to aws_kms_key.gone, which is not declared",
            "Infra/Main.swift:20: error: aws_s3_bucket.counted refers to aws_kms_key.gone, which is not declared",
            "Infra/Main.swift:20: error: aws_s3_bucket.counted refers to undeclared module module.net",
            "Infra/Main.swift:10: error: aws_s3_bucket.uses_var refers to aws_kms_key.gone, which is not declared",
            "Infra/Main.swift:10: error: aws_s3_bucket.uses_var refers to undeclared variable var.region",
            "Infra/Main.swift:10: error: aws_s3_bucket.uses_var refers to undeclared local value local.tags",
            "Infra/Main.swift:10: error: reference cycle: aws_iam_role.a → aws_iam_role_policy.b → aws_kms_key.c → aws_iam_role.a",
            "error: reference cycle: " + (4_990...4_999).map { "null_resource.n\($0) → " }.joined() + "null_resource.n4990",
        ])
        #expect(ConfigurationChecker().check(config, references: references) == walked)
        // A record of other blocks is not used.
        #expect(ConfigurationChecker().check(config, references: BlockReferences()) == walked)
    }

    /// A record moved twice (sorted, then sorted again) follows both moves.
    @Test func recordedReferencesFollowEveryMove() {
        var references = BlockReferences()
        let names = ["c", "a", "b"]
        for name in names { references.record(arguments: ["x": .ref(.resource("t", name), "id")], dependsOn: []) }
        // Moves that do not commute: composed the wrong way round, or the second ignored, the
        // order would be b, c, a or a, c, b.
        references.reorder([1, 0, 2])  // a, c, b
        references.reorder([0, 2, 1])  // a, b, c
        var found: [String] = []
        for k in 0..<3 { references.withAddresses(ofBlock: k) { found += $0.map(\.name) } }
        #expect(found == ["a", "b", "c"])
        var appended = BlockReferences()
        appended.record(arguments: ["y": .variable("v")], dependsOn: [.resource("t", "d")])
        references.append(appended)
        found = []
        for k in 0..<4 { references.withAddresses(ofBlock: k) { found += $0.map(\.name) } }
        #expect(found == ["a", "b", "c", "d"])
        #expect((0..<4).map { references.usesSymbols(ofBlock: $0) } == [false, false, false, true])
        // Recording goes on after a join, and joins again.
        references.record(arguments: ["z": ["e": .ref(.resource("t", "e"), "id")]], dependsOn: [.resource("t", "f")])
        var parts = [references, appended]
        references = BlockReferences.joined(&parts)
        found = []
        for k in 0..<6 { references.withAddresses(ofBlock: k) { found += $0.map(\.name) } }
        #expect(found == ["a", "b", "c", "d", "e", "f", "d"])
        #expect((0..<6).map { references.usesSymbols(ofBlock: $0) } == [false, false, false, true, false, true])
    }

    @Test func duplicateNamesOfOtherBlocks() {
        let config = Configuration(
            variables: [Variable("region", location: here), Variable("region", location: there), Variable("bad name")],
            outputs: [Output("o", value: 1), Output("o", value: 2)])
        #expect(ConfigurationChecker().check(config).map(\.description) == [
            "Infra/Main.swift:20: error: duplicate variable 'region'",
            "error: invalid variable name 'bad name': names start with a letter or underscore and contain only letters, digits, underscores and dashes",
            "error: duplicate output 'o'",
        ])
    }

    @Test func addressIndexFindsFirstDeclarationsInAnyOrder() {
        let blocks = [
            Resource(.resource("aws_s3_bucket", "b")),   // 0
            Resource(.data("aws_s3_bucket", "b")),       // 1: same type and name, other mode
            Resource(.resource("aws_kms_key", "k")),     // 2
            Resource(.resource("aws_s3_bucket", "a")),   // 3
            Resource(.resource("aws_s3_bucket", "b")),   // 4: duplicate of 0
            Resource(.resource("aws_kms_key", "k")),     // 5: duplicate of 2
            Resource(.resource("aws_s3_bucket", "b")),   // 6: duplicate of 0
        ]
        for resources in [blocks, blocks.sorted { $0.address < $1.address }] {
            let index = resources.withUnsafeBufferPointer { AddressIndex($0) }
            for (i, r) in resources.enumerated() {
                let first = index.first(r.address).map { resources[$0] }
                #expect(first?.address == r.address)
                #expect(index.first(r.address) == resources.firstIndex { $0.address == r.address }, "block \(i)")
            }
            #expect(index.first(.resource("aws_s3_bucket", "c")) == nil)
            #expect(index.first(.resource("aws_s3_bucket", "0")) == nil)
            #expect(index.first(.resource("aws_iam_role", "b")) == nil)
            #expect(index.first(.data("aws_kms_key", "k")) == nil)
            #expect(index.first(.data("zzz", "k")) == nil)
            #expect(index.duplicates.count == 3)
        }
        let unsorted = blocks.withUnsafeBufferPointer { AddressIndex($0) }
        #expect(unsorted.duplicates.map(\.index) == [4, 5, 6])
        #expect(unsorted.duplicates.map(\.first) == [0, 2, 0])
    }

    /// Names are compared by their first 16 bytes as integers, then as strings: lookups agree with
    /// `String`'s order for names that tie on 16 bytes, differ only in length, or are not ASCII.
    @Test func addressIndexFindsNamesOfEveryLengthAndAlphabet() {
        let names = [
            "a", "a_", "ab", "b", "unit_1", "unit_10", "unit_2", "abcdefghijklmnop", "abcdefghijklmnopq",
            "abcdefghijklmnopqr", "abcdefghijklmnopqz", "abcdefghijklmnoq", "abcdefghijklmno", "Z", "_x", "x-y",
        ]
        for alphabet in [names, names + ["café", "cafe\u{301}x", "é"]] {
            let resources = alphabet.shuffled().map { Resource(.resource("t", $0)) }
            let index = resources.withUnsafeBufferPointer { AddressIndex($0) }
            for (i, r) in resources.enumerated() {
                #expect(index.first(r.address) == i, "\(r.address.name)")
            }
            for missing in ["", "aa", "abcdefghijklmnopp", "abcdefghijklmnopqrs", "unit_", "unit_3", "zz", "abcdefghijklmnop_"] {
                #expect(index.first(.resource("t", missing)) == nil, "\(missing)")
            }
            #expect(index.first(.resource("t", "caf\u{e9}")) == (alphabet.count > names.count ? resources.firstIndex { $0.address.name == "café" } : nil))
        }
    }

    @Test func duplicatesAreReportedInDeclarationOrderWhateverTheAddressOrder() {
        let third = PavedTerraform.SourceLocation(file: "Infra/Main.swift", line: 30)
        let config = Configuration(resources: [
            resource("aws_s3_bucket", "raw", at: here), resource("aws_kms_key", "k", at: here),
            resource("aws_s3_bucket", "raw", at: there), resource("aws_kms_key", "k", at: third),
        ])
        #expect(ConfigurationChecker().check(config).map(\.description) == [
            "Infra/Main.swift:20: error: duplicate address aws_s3_bucket.raw; first declared at Infra/Main.swift:10",
            "Infra/Main.swift:30: error: duplicate address aws_kms_key.k; first declared at Infra/Main.swift:10",
        ])
    }

    /// The address-order check runs in chunks: a step back anywhere, a chunk boundary included, is found.
    @Test func addressOrderIsCheckedAcrossChunks() {
        var resources = (0..<40_000).map { Resource(.resource("aws_s3_bucket", "b\(1_000_000 + $0)")) }
        func check(_ strictly: Bool) -> Bool { resources.withUnsafeBufferPointer { AddressOrder.isSorted($0, strictly: strictly) } }
        #expect(check(true) && check(false))
        for i in [1, 16_383, 16_384, 39_999] {
            resources.swapAt(i - 1, i)
            #expect(!check(true) && !check(false), "step back at \(i)")
            resources.swapAt(i - 1, i)
        }
        resources[16_384] = resources[16_383]  // equal neighbours across a boundary
        #expect(!check(true) && check(false))
    }

    /// Address order as `ResourceAddress` orders it, whatever the names: sharing their first 16
    /// bytes, of every length, not ASCII; equal addresses keep their order.
    @Test func addressOrderSortsAsAddressesCompare() {
        let names = ["a", "b", "a_very_long_shared_prefix_1", "a_very_long_shared_prefix_0", "a_very_long_shared_prefix",
                     "exactly_16_bytes", "exactly_16_bytez", "z", "Z", "_x", "x-1", "x_1", "x1"]
        var resources: [Resource] = []
        for (t, type) in ["aws_s3_bucket", "aws_iam_role", "aws_kms_key"].enumerated() {
            for (n, name) in names.enumerated() {
                resources.append(Resource(.resource(type, name), arguments: ["n": .int(t * 100 + n)]))
                if n % 4 == 0 { resources.append(Resource(.resource(type, name), arguments: ["dup": .int(t * 100 + n)])) }
            }
            resources.append(Resource(.data(type, names[t]), arguments: ["n": .int(t)]))
        }
        var unicode = resources.filter { $0.address.type == "aws_iam_role" }
        unicode.append(Resource(.resource("aws_iam_role", "caf\u{E9}"), arguments: ["n": 1]))
        unicode.append(Resource(.resource("aws_iam_role", "cafe\u{301}"), arguments: ["n": 2]))
        // Types interleaved as constructs add them (each block's group found after the last one's), and scattered.
        let interleaved = resources.indices.sorted { ($0 % 7, $0) < ($1 % 7, $1) }.map { resources[$0] }
        let scattered = resources.indices.sorted { ($0 * 7919) % resources.count < ($1 * 7919) % resources.count }.map { resources[$0] }
        for input in [resources, resources.reversed(), interleaved, scattered, unicode, unicode.reversed()] {
            #expect(AddressOrder.sorted(input) == input.sorted { $0.address < $1.address })
        }
    }

    /// A name's key orders as its first 16 bytes do (read eight at a time, padded with zeros), and
    /// a name with a byte that is not ASCII, or zero, has none.
    @Test func nameKeysOrderAsTheFirstSixteenBytes() {
        var names = [""]
        for length in 1...20 { names.append(String(repeating: "m", count: length)) }
        for length in [1, 7, 8, 9, 15, 16, 17] {
            for position in [0, length / 2, length - 1] {
                for byte in ["A", "z", "_", "-", "0"] {
                    var chars = Array(repeating: "m", count: length)
                    chars[position] = byte
                    names.append(chars.joined())
                }
            }
        }
        func prefix(_ name: String) -> [UInt8] { Array(name.utf8.prefix(16)) }
        for a in names {
            for b in names {
                guard let ka = NameKey(a), let kb = NameKey(b) else { Issue.record("no key for \(a) or \(b)"); continue }
                #expect((ka < kb) == prefix(a).lexicographicallyPrecedes(prefix(b)), "\(a) < \(b)")
                #expect((ka == kb) == (prefix(a) == prefix(b)), "\(a) == \(b)")
            }
        }
        for name in ["é", "abcdefghé", "abcdefghijklmnopqrsé", "a\u{0}b", "abcdefgh\u{0}"] {
            #expect(NameKey(name) == nil, "\(name)")
        }
    }
}
