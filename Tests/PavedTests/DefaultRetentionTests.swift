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
}
