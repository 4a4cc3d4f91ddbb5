import Testing
@testable import PavedTerraform

/// Meta-arguments and provenance live out of line, shared between copies: they must still act like plain values.
@Suite struct ResourceTests {
    let bucket = ResourceAddress.resource("aws_s3_bucket", "raw")
    let key = ResourceAddress.resource("aws_kms_key", "raw")

    @Test func metaArgumentsAreValues() {
        let original = Resource(bucket, dependsOn: [key], count: 2)
        var copy = original
        copy.dependsOn.append(.resource("aws_iam_role", "etl"))
        copy.lifecycle = Lifecycle(preventDestroy: true)
        #expect(original.dependsOn == [key])
        #expect(original.lifecycle == nil)
        #expect(original.count == 2)
        #expect(copy.dependsOn.count == 2)
        #expect(copy.count == 2)
        #expect(copy.lifecycle?.preventDestroy == true)
        #expect(copy != original)
    }

    @Test func equalityComparesMetaArgumentsByValue() {
        var a = Resource(bucket, dependsOn: [key])
        let b = Resource(bucket, dependsOn: [key])
        #expect(a == b)
        a.dependsOn = []
        #expect(a == Resource(bucket))  // none set equals never set
        a.provider = ProviderReference("aws", alias: "us_east_1")
        #expect(a != Resource(bucket))
        a.provider = nil
        #expect(a == Resource(bucket))
        #expect(Resource(bucket, forEach: ["a": 1]) != Resource(bucket, count: 1))
    }

    @Test func sharedProvenanceIsAValue() {
        let here = SourceLocation(file: "Main.swift", line: 3)
        let shared = Provenance(constructPath: "p/raw", location: here)
        let a = Resource(bucket, provenance: shared)
        var b = Resource(key, provenance: shared)
        #expect(a.provenance?.isIdentical(to: shared) == true)
        b.provenance?.metadata = ["owner": "data@acme.io"]
        b.provenance?.waivers = [.init(rule: "r", reason: "why", owner: "o", expires: "2027-01-01", location: here)]
        #expect(a.provenance?.metadata == nil)
        #expect(a.provenance?.waivers == [])
        #expect(b.provenance?.metadata == ["owner": "data@acme.io"])
        #expect(b.provenance?.waivers.count == 1)
        #expect(b.provenance?.constructPath == "p/raw")
        #expect(a.provenance == Provenance(constructPath: "p/raw", location: here))  // equal by value, not by box
        #expect(b.provenance != a.provenance)
        var c = shared
        c.location = SourceLocation(file: "Main.swift", line: 4)
        #expect(c != shared && shared.location.line == 3)
    }

    /// A reference keeps its first step apart from the rest (one attribute needs no array); however
    /// it was built or changed, it is its path, for equality, hashing and rendering.
    @Test func referencesAreTheirPath() {
        let bucket = ResourceAddress.resource("aws_s3_bucket", "raw")
        let one = Reference(bucket, attribute: "arn")
        #expect(one == Reference(bucket, path: ["arn"]) && one == Reference(bucket, steps: [.attribute("arn")]))
        #expect(Set([one, Reference(bucket, path: ["arn"])]).count == 1)
        #expect(one.path == [.attribute("arn")])
        #expect(one != Reference(bucket, path: ["arn", "x"]) && one != Reference(bucket, path: []))

        var changed = Reference(bucket, path: [])
        #expect(changed.path.isEmpty)
        changed.path = [.attribute("rule"), .index(0), .attribute("id")]
        #expect(changed == Reference(bucket, steps: [.attribute("rule"), .index(0), .attribute("id")]))
        #expect(TerraformRenderer().render(Configuration(outputs: [Output("o", value: .expression(.reference(changed)))])).contains("\"${aws_s3_bucket.raw.rule[0].id}\""))
        changed.path = []
        #expect(changed == Reference(bucket, path: []) && changed.path.isEmpty)
    }
}
