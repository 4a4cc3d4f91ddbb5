import Foundation
import Paved
import PavedTesting
import Testing

/// `PublicAccess`: the only way to grant everyone access, visible to policy and justified by a waiver.
@Suite struct PublicAccessTests {
    static let env = Environment(
        .prod, aws: .account("222222222222", region: "eu-west-1"), gcp: .project("acme-data-prod", region: "europe-west1"),
        backend: .local(path: "prod.tfstate"))

    static let line = #line + 5
    static let platform = Platform("acme-data", owner: "data@acme.io") {
        env
        BigQueryDataset("open-data", location: "EU")
        Snowflake.Database("shared", retention: .days(1))
        PublicAccess(.read, on: "open-data")
            .waive("GOV-GRANT-002", reason: "Published open data set, approved by the data council in DC-142",
                   owner: "data-council@acme.io", expires: "2099-12-31")
        PublicAccess(.read, on: "shared")
            .waive("GOV-GRANT-001", reason: "Reference data every Snowflake user in the account may query",
                   owner: "data-council@acme.io", expires: "2099-12-31")
        GCSBucket("open-files", location: "EU", classification: .public)
        PublicAccess(.read, on: "open-files")
            .waive("GOV-GRANT-002", reason: "Downloadable open data files linked from the public portal",
                   owner: "data-council@acme.io", expires: "2099-12-31")
            .waive("SEC-GCS-001", reason: "The open data bucket must allow allUsers, so prevention is inherited",
                   owner: "data-council@acme.io", expires: "2099-12-31")
    }

    @Test func matchesGolden() throws {
        let text = try #require(PavedTesting.render(Self.platform).files["prod/main.tf.json"])
        PavedTesting.assertGolden(text, at: RedshiftServerlessTests.goldens.appendingPathComponent("public-access-prod.tf.json"))
    }

    @Test func grantsEveryoneExactlyReadAndCarriesItsWaiver() throws {
        #expect(PavedTesting.diagnostics(of: Self.platform) == [])
        let config = try #require(PavedTesting.stack(Self.platform, .prod))
        let dataset = try #require(config.resources.first { $0.address == .resource("google_bigquery_dataset_iam_member", "public_read_open_data") })
        #expect(dataset.arguments["member"]?.renderedJSON == "allUsers")
        #expect(dataset.arguments["role"]?.renderedJSON == "roles/bigquery.dataViewer")
        #expect(dataset.provenance?.constructPath == "acme-data/open-data-public/grants")
        #expect(dataset.provenance?.location.line == Self.line)
        #expect(dataset.provenance?.waivers.map(\.rule) == ["GOV-GRANT-002"])
        // No project-level role for allUsers: only the dataset.
        #expect(!config.resources.contains { $0.address.type == "google_project_iam_member" })

        // The database's READ database role is granted to the PUBLIC account role.
        let snowflake = try #require(config.resources.first { $0.address == .resource("snowflake_grant_database_role", "public_read_shared") })
        #expect(snowflake.arguments["parent_role_name"]?.renderedJSON == "PUBLIC")
        #expect(snowflake.arguments["database_role_name"]?.renderedJSON == "${snowflake_database_role.shared_read.fully_qualified_name}")
        #expect(snowflake.arguments["parent_database_role_name"] == nil)
        #expect(snowflake.provenance?.waivers.map(\.rule) == ["GOV-GRANT-001"])

        // A public bucket: allUsers may view objects; prevention is inherited, justified by the
        // PublicAccess construct's own SEC-GCS-001 waiver, which the bucket carries.
        let files = try #require(config.resources.first { $0.address == .resource("google_storage_bucket_iam_member", "public_read_open_files") })
        #expect(files.arguments["member"]?.renderedJSON == "allUsers")
        #expect(files.arguments["role"]?.renderedJSON == "roles/storage.objectViewer")
        let bucket = try #require(config.resources.first { $0.address == .resource("google_storage_bucket", "open_files") })
        #expect(bucket.arguments["public_access_prevention"]?.renderedJSON == "inherited")
        #expect(bucket.provenance?.waivers.map(\.rule) == ["SEC-GCS-001"])
        #expect(bucket.provenance?.waivers.first?.location.line == Self.line + 10)
    }

    @Test func otherBucketsStillEnforcePublicAccessPrevention() throws {
        let platform = Platform("acme-data", owner: "data@acme.io") {
            Self.env
            GCSBucket("private-files", location: "EU")
        }
        let config = try #require(PavedTesting.stack(platform, .prod))
        let bucket = try #require(config.resources.first { $0.address == .resource("google_storage_bucket", "private_files") })
        #expect(bucket.arguments["public_access_prevention"]?.renderedJSON == "enforced")
        #expect(bucket.provenance?.waivers == [])
    }

    @Test func allAuthenticatedUsersOnGoogleCloud() throws {
        let platform = Platform("acme-data", owner: "data@acme.io") {
            Self.env
            BigQueryDataset("open-data", location: "EU")
            PublicAccess(.read, on: "open-data", to: .anyAuthenticatedUser)
                .waive("GOV-GRANT-002", reason: "Shared with any signed-in Google account for the research program",
                       owner: "data-council@acme.io", expires: "2099-12-31")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        let config = try #require(PavedTesting.stack(platform, .prod))
        let grant = try #require(config.resources.first { $0.address.type == "google_bigquery_dataset_iam_member" })
        #expect(grant.arguments["member"]?.renderedJSON == "allAuthenticatedUsers")
    }

    @Test func unjustifiedOrUnsupportedPublicAccessIsAnErrorAtItsLine() {
        let file = "PavedTests/PublicAccessTests.swift"
        let line = #line
        let platform = Platform("acme-data", owner: "data@acme.io") {
            Self.env
            BigQueryDataset("open-data", location: "EU")
            Bucket("site")
            Snowflake.Database("shared", retention: .days(1))
            PublicAccess(.read, on: "open-data")
            PublicAccess(.write, on: "shared")
            PublicAccess(.read, on: "site")
            PublicAccess(.read, on: "opn-data")
            Snowflake.Warehouse("wh") { CreditBudget(perMonth: 10) }
            PublicAccess(.read, on: "wh")
            GCSBucket("files", location: "EU")
            PublicAccess(.read, on: "files")
                .waive("GOV-GRANT-002", reason: "Downloadable open data files linked from the public portal",
                       owner: "data-council@acme.io", expires: "2099-12-31")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 7): error: public access to 'shared' may only be .read: everyone writing, owning or using it cannot be made safe",
            "\(file):\(line + 6): error: public access to bigquery dataset 'open-data' must be justified: add .waive(\"GOV-GRANT-002\", reason: \"why this data is public\", owner: \"…\", expires: \"YYYY-MM-DD\")",
            "\(file):\(line + 8): error: bucket 'site' cannot be made public: its objects are encrypted with a customer-managed KMS key, which anonymous requests cannot use; publish it through CloudFront with origin access control",
            "\(file):\(line + 9): error: no construct named 'opn-data' in platform 'acme-data'; did you mean 'open-data'?",
            "\(file):\(line + 11): error: snowflake warehouse 'wh' cannot be made public: public access is supported on bigquery datasets, gcs buckets and snowflake databases",
            "\(file):\(line + 13): error: public access to gcs bucket 'files' must be justified: add .waive(\"SEC-GCS-001\", reason: \"why this data is public\", owner: \"…\", expires: \"YYYY-MM-DD\")",
        ])
    }
}
