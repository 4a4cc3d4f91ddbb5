import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// A `.tf.json` read from disk has no environment of its own: untagged blocks (grants, policies)
/// take the one environment every tagged resource of their file agrees on.
@Suite struct FileEnvironmentTests {
    static func environments(_ text: String) throws -> [String: String] {
        var builder = PolicyInputBuilder()
        builder.addConfiguration(try JSONParser().parse(text), name: "main.tf.json", environment: nil)
        var out: [String: String] = [:]
        for r in builder.build().resources { out[r.address] = r.environment ?? "-" }
        return out
    }

    @Test func untaggedBlocksTakeTheEnvironmentTheirFileAgreesOn() throws {
        let found = try Self.environments("""
            {"resource": {
              "google_bigquery_dataset": {"marts": {"dataset_id": "m", "labels": {"environment": "dev"}}},
              "google_bigquery_dataset_iam_member": {"public": {"dataset_id": "m", "role": "r", "member": "allUsers"}}
            }}
            """)
        #expect(found == ["google_bigquery_dataset.marts": "dev", "google_bigquery_dataset_iam_member.public": "dev"])
    }

    @Test func noEnvironmentIsGuessedWhenTheFileDisagreesOrSaysNone() throws {
        let mixed = try Self.environments("""
            {"resource": {
              "aws_s3_bucket": {"a": {"bucket": "a", "tags": {"environment": "dev"}}, "b": {"bucket": "b", "tags": {"environment": "prod"}}},
              "aws_s3_bucket_policy": {"a": {"bucket": "a", "policy": "{}"}}
            }}
            """)
        #expect(mixed == ["aws_s3_bucket.a": "dev", "aws_s3_bucket.b": "prod", "aws_s3_bucket_policy.a": "-"])
        let none = try Self.environments("""
            {"resource": {"aws_s3_bucket_policy": {"a": {"bucket": "a", "policy": "{}"}}}}
            """)
        #expect(none == ["aws_s3_bucket_policy.a": "-"])
    }
}
