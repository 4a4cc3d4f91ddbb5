import Foundation
import Testing
import PavedTerraform

/// Timings of the parser, the schema loader and the validator. Opt-in, since timings belong to
/// release builds on a quiet machine:
///
///     PAVED_PERF=1 swift test -c release --scratch-path .build-schema --filter SchemaPerformanceTests
///
/// Each prints the median CPU time of several runs; the assertions are generous ceilings that
/// only catch an accidental quadratic.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PAVED_PERF"] != nil, "set PAVED_PERF=1 to run (use -c release)"))
struct SchemaPerformanceTests {
    /// Median CPU milliseconds of `runs` runs of `body`.
    static func median(_ label: String, runs: Int = 7, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = cpuMilliseconds()
            try body()
            samples.append(cpuMilliseconds() - start)
        }
        samples.sort()
        let median = samples[runs / 2]
        print("\(label): median \(String(format: "%.1f", median)) ms CPU (min \(String(format: "%.1f", samples[0])), max \(String(format: "%.1f", samples[runs - 1])))")
        return median
    }

    static func cpuMilliseconds() -> Double {
        var usage = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &usage)
        return Double(usage.tv_sec) * 1000 + Double(usage.tv_nsec) / 1_000_000
    }

    @Test(.enabled(if: SharedSchemas.directory != nil, "\(SharedSchemas.missingMessage)"))
    func parseAndLoadTheAWSSchema() throws {
        let dir = try #require(SharedSchemas.directory)
        let path = dir + "/aws.json"
        let bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
        let parse = try Self.median("parse aws.json (\(bytes.count) bytes) with positions") {
            _ = try JSONParser().parseDocument(bytes, file: "aws.json")
        }
        _ = try Self.median("parse aws.json without positions") { _ = try JSONParser().parse(bytes) }
        let load = try Self.median("load aws.json as ProviderSchemas") { _ = try ProviderSchemas.load(path: path) }
        _ = try Self.median("load all shared schemas") { _ = try ProviderSchemas.load(path: dir) }
        #expect(parse < 1000)
        #expect(load < 1000)
    }

    @Test func validateOneHundredThousandResources() throws {
        let config = Self.configuration(resources: 100_000)
        let bytes = JSONWriter().bytes(config)
        let validator = SchemaValidator(schemas: try ProviderSchemas.bundled())
        _ = try Self.median("parse 100,000 resources (\(bytes.count) bytes)", runs: 5) {
            _ = try JSONParser().parseDocument(bytes, file: "main.tf.json")
        }
        let document = try JSONParser().parseDocument(bytes, file: "main.tf.json")
        var findings: [Diagnostic] = []
        let validate = Self.median("validate 100,000 resources", runs: 5) {
            findings = validator.validate(module: [document])
        }
        #expect(findings == [])
        #expect(validate < 3000)
    }

    /// `resources` resources: a quarter each of buckets, versioning, bucket policies (all
    /// referencing their bucket) and KMS keys, with provenance comments.
    static func configuration(resources n: Int) -> JSON {
        var buckets: [String: JSON] = [:]
        var versionings: [String: JSON] = [:]
        var policies: [String: JSON] = [:]
        var keys: [String: JSON] = [:]
        let quarter = max(1, n / 4)
        for i in 0..<quarter {
            let name = "b\(i)"
            buckets[name] = .object([
                "//": .object(["construct": .string("acme/\(name)"), "source": .string("Acme/Platform.swift:\(i + 1)")]),
                "bucket": .string("acme-\(name)"), "force_destroy": .bool(false),
                "tags": .object(["team": .string("data"), "tier": .string("1")]),
            ])
            versionings[name] = .object([
                "bucket": .string("${aws_s3_bucket.\(name).id}"),
                "versioning_configuration": .array([.object(["status": .string("Enabled")])]),
            ])
            policies[name] = .object([
                "bucket": .string("${aws_s3_bucket.\(name).id}"),
                "policy": .string("${data.aws_iam_policy_document.tls.json}"),
            ])
        }
        for i in 0..<(n - 3 * quarter) {
            keys["k\(i)"] = .object([
                "enable_key_rotation": .bool(true), "deletion_window_in_days": .int(30),
                "description": .string("key for ${aws_s3_bucket.b\(i % quarter).arn}"),
            ])
        }
        let statement = JSON.object([
            "actions": .array([.string("s3:*")]), "effect": .string("Deny"), "resources": .array([.string("*")]),
        ])
        return .object([
            "terraform": .object(["required_providers": .object([
                "aws": .object(["source": .string("hashicorp/aws"), "version": .string("~> 6.25")]),
            ])]),
            "resource": .object([
                "aws_s3_bucket": .object(buckets), "aws_s3_bucket_versioning": .object(versionings),
                "aws_s3_bucket_policy": .object(policies), "aws_kms_key": .object(keys),
            ]),
            "data": .object(["aws_iam_policy_document": .object(["tls": .object(["statement": .array([statement])])])]),
        ])
    }
}
