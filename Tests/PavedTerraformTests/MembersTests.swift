import Testing

@testable import PavedTerraform

/// `Members`: an object's members kept sorted by key, read like a dictionary.
@Suite struct MembersTests {
    @Test func keysAreSortedWhateverTheOrderGiven() {
        let m = Members([("zone", Value.string("a")), ("Name", "b"), ("arn", "c"), ("_id", "d")])
        #expect(m.keys == ["Name", "_id", "arn", "zone"])
        #expect(m.values == ["b", "d", "c", "a"])
    }

    @Test func ofTwoEqualKeysTheLaterWins() {
        let m = Members([("b", Value.int(1)), ("a", .int(2)), ("b", .int(3)), ("a", .int(4)), ("c", .int(5))])
        #expect(m.keys == ["a", "b", "c"])
        #expect(m["a"] == .int(4))
        #expect(m["b"] == .int(3))
    }

    @Test func aMissingKeyIsNilNotNull() {
        // Value has a nil literal (`.null`): a missing key must still read as Optional.none.
        let m: Members = ["a": .null]
        #expect(m["b"] == Optional<Value>.none)
        #expect(m["a"] == Optional<Value>.some(.null))
        var n = m
        #expect(n.removeValue(forKey: "b") == Optional<Value>.none)
        #expect(n.removeValue(forKey: "a") == Optional<Value>.some(.null))
        #expect(n.isEmpty)
    }

    @Test func settingInsertsInOrderReplacesAndRemoves() {
        var m: Members = ["b": "2"]
        m["d"] = "4"
        m["a"] = "1"
        m["c"] = "3"
        #expect(m.keys == ["a", "b", "c", "d"])
        m["c"] = "three"
        #expect(m["c"] == "three")
        #expect(m.count == 4)
        m["b"] = Optional<Value>.none
        #expect(m.keys == ["a", "c", "d"])
        m["list", default: .list([])] = .list(["x"])
        #expect(m["list"] == .list(["x"]))
    }

    @Test func equalityIgnoresTheOrderMembersWereAdded() {
        var a = Members()
        a["x"] = "1"
        a["y"] = "2"
        let b = Members(["y": "2", "x": "1"] as [String: Value])
        #expect(a == b)
        #expect(Value.object(a) == .object(b))
        #expect(a != ["x": "1"])
        #expect(a.dictionary == ["x": "1", "y": "2"])
    }

    @Test func mergingAndMappingKeepOrder() {
        let a: Members = ["a": .int(1), "c": .int(3)]
        let merged = a.merging(["b": .int(2), "c": .int(30)]) { _, new in new }
        #expect(merged.keys == ["a", "b", "c"])
        #expect(merged["c"] == .int(30))
        #expect(a.mapValues { _ in .bool(true) } == ["a": .bool(true), "c": .bool(true)])
    }

    @Test func iterationIsInKeyOrder() {
        let m: Members = ["b": "2", "a": "1"]
        var seen: [String] = []
        for (key, _) in m { seen.append(key) }
        #expect(seen == ["a", "b"])
    }

    @Test func objectKeysWithTemplateSequencesAreEscapedThenSorted() {
        // `${` in a key is escaped to `$${`, which sorts before `$z`; both render paths agree.
        let c = Configuration(resources: [
            Resource(.resource("aws_s3_bucket", "b"), arguments: ["tags": .object(["$z": "1", "${x}": "2"])]),
        ])
        let text = TerraformRenderer().render(c)
        #expect(text.contains(#""tags": {\#n          "$${x}": "2",\#n          "$z": "1"\#n        }"#))
        #expect(TerraformRenderer().renderBytes(c) == Array(JSONWriter().render(TerraformRenderer().json(c)).utf8))
    }

    /// Generated bindings build their arguments with a list sized for every field: what the builder
    /// hands over is the same members whether the list is adopted or moved into exact storage, in
    /// order or not, and the builder is left empty.
    @Test func builtArgumentsAreTheMembersAdded() {
        for capacity in [0, 2, 3, 40] {
            var builder = TerraformArgumentsBuilder(capacity: capacity)
            builder.untyped("a", "x")
            builder.untyped("b", .list(["y", .object(["k": "${v}"])]))
            builder.untyped("c", nil)
            let built = builder.build()
            #expect(built == ["a": "x", "b": .list(["y", .object(["k": "${v}"])])])
            #expect(built.storage.capacity < 8, "capacity \(capacity)")
            #expect(builder.arguments.isEmpty)
        }
        var unordered = TerraformArgumentsBuilder(capacity: 30)
        unordered.untyped("z", 1)
        unordered.untyped("a", 2)
        unordered.untyped("z", 3)
        #expect(unordered.build() == ["a": 2, "z": 3])
    }
}
