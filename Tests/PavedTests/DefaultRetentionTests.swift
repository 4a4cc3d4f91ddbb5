import Foundation
import Paved
import PavedTesting
import Testing

/// Platform retention defaults per classification: buckets without their own Retention take the
/// default of their classification; their own Retention wins; errors at the default's line.
@Suite struct DefaultRetentionTests {
    static let line = #line + 3
    static let platform = Platform("acme-data", owner: "data@acme.io", classification: .internal) {
        Environment(.prod, aws: .account("222222222222", region: "eu-west-1"))
        DefaultRetention(for: .confidential, expireAfter: .days(400), archiveAfter: .days(90))
        DefaultRetention(for: .internal, expireAfter: .days(730), noncurrentVersionsExpireAfter: .days(14))
        Bucket("raw-events", classification: .confidential)
        Bucket("scratch", classification: .confidential) {
            Retention(expireAfter: .days(7))
        }
        Bucket("curated")
        Bucket("ledger", classification: .restricted)
    }

    /// `expiration / transition / noncurrent` of a bucket's lifecycle rule, and the line it came from.
    static func lifecycle(_ bucket: String) -> String? {
        let config = PavedTesting.stack(platform, .prod)
        guard let r = config?.resources.first(where: {
            $0.address == ResourceAddress.resource("aws_s3_bucket_lifecycle_configuration", bucket)
        }) else { return nil }
        let rule = r.arguments["rule"]?.renderedJSON.arrayValue?.first?.objectValue
        func days(_ key: String, _ field: String) -> String {
            guard case .int(let d)? = rule?[key]?.arrayValue?.first?.objectValue?[field] else { return "-" }
            return String(d)
        }
        let source = r.provenance.map { "\($0.location.file):\($0.location.line)" } ?? "?"
        return "expire \(days("expiration", "days")) transition \(days("transition", "days")) noncurrent \(days("noncurrent_version_expiration", "noncurrent_days")) from \(source)"
    }

    @Test func bucketsTakeTheDefaultOfTheirClassification() {
        #expect(PavedTesting.diagnostics(of: Self.platform) == [])
        let file = "PavedTests/DefaultRetentionTests.swift"
        #expect(Self.lifecycle("raw_events") == "expire 400 transition 90 noncurrent 30 from \(file):\(Self.line)")
        // Their own Retention wins over the default.
        #expect(Self.lifecycle("scratch") == "expire 7 transition - noncurrent 30 from \(file):\(Self.line + 4)")
        // No classification of its own: the platform's (internal).
        #expect(Self.lifecycle("curated") == "expire 730 transition - noncurrent 14 from \(file):\(Self.line + 1)")
        // No default for restricted: objects are kept until deleted, as without defaults.
        #expect(Self.lifecycle("ledger") == nil)
    }

    @Test func invalidDefaultsAreErrorsAtTheirLines() {
        let file = "PavedTests/DefaultRetentionTests.swift"
        let line = #line
        let platform = Platform("acme-data", owner: "data@acme.io") {
            Environment(.prod, aws: .account("222222222222", region: "eu-west-1"))
            DefaultRetention(for: .confidential, expireAfter: .days(30), archiveAfter: .days(90))
            DefaultRetention(for: .confidential, expireAfter: .days(400))
            Bucket("raw", classification: .confidential)
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: retention expires objects after 30 days, before or when they move to GLACIER after 90 days: expiration must come after every transition",
            "\(file):\(line + 4): error: DefaultRetention for confidential data is declared twice; first at \(file):\(line + 3)",
        ])
    }

    @Test func cloudStorageBucketsTakeTheDefaultToo() throws {
        let file = "PavedTests/DefaultRetentionTests.swift"
        let line = #line
        let platform = Platform("acme-data", owner: "data@acme.io") {
            Environment(.prod, gcp: .project("acme-data-prod", region: "europe-west1"))
            DefaultRetention(for: .confidential, expireAfter: .days(400), archiveAfter: .days(90))
            DefaultRetention(for: .restricted, expireAfter: .days(400), transitions: [.after(.days(30), to: .standardIA)])
            GCSBucket("landing", location: "EU", classification: .confidential)
            GCSBucket("ledger", location: "EU", classification: .restricted)
        }
        // An S3 class in a default that a Cloud Storage bucket takes is an error at the default's line.
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 4): error: retention transition to STANDARD_IA is an S3 storage class: a gcs bucket moves objects to .nearline, .coldline or .archive (in the DefaultRetention gcs bucket 'ledger' takes)",
        ])
        let config = try #require(PavedTesting.stack(platform, .prod))
        let landing = try #require(config.resources.first { $0.address == .resource("google_storage_bucket", "landing") })
        let rules = landing.arguments["lifecycle_rule"]?.renderedJSON.arrayValue ?? []
        let summary = rules.map { rule -> String in
            let action = rule["action"]?.arrayValue?.first
            let condition = rule["condition"]?.arrayValue?.first
            var age = "-"
            if case .int(let days)? = condition?["age"] { age = String(days) }
            return "\(action?["type"]?.stringValue ?? "?") \(action?["storage_class"]?.stringValue ?? "") age \(age)"
        }
        #expect(summary.contains("SetStorageClass ARCHIVE age 90"))
        #expect(summary.contains("Delete  age 400"))
    }
}
