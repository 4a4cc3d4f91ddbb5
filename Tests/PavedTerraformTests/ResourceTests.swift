import Testing
@testable import PavedTerraform

/// Meta-arguments live out of line, shared between copies: they must still act like plain values.
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
}
