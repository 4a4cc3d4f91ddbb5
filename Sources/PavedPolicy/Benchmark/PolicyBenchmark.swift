import Foundation
import PavedTerraform

/// Helpers for `paved-bench`: synthetic data-product units, and timings of every built-in rule
/// over them, in memory and from `.tf.json` files on disk.
///
///     let memory = try PolicyBenchmark.measureInMemory(units: 10_000, iterations: 5)
///     print(memory.summary)       // "10000 units, 100001 resources, 52 rules: median 0.31 s …"
///
///     let disk = try PolicyBenchmark.measureFromDisk(units: 10_000, iterations: 5, directory: tmp)
public enum PolicyBenchmark {
    /// Timings of one benchmark.
    public struct Measurement: Sendable, CustomStringConvertible {
        public var label: String
        public var units: Int
        public var resources: Int
        public var rules: Int
        public var findings: Int
        /// Seconds to read the input (0 for in-memory input), per iteration.
        public var loadSeconds: [Double]
        /// Seconds to evaluate every rule (with waivers and sorting), per iteration.
        public var evaluateSeconds: [Double]

        public var medianLoad: Double { Self.median(loadSeconds) }
        public var medianEvaluate: Double { Self.median(evaluateSeconds) }
        public var medianTotal: Double { Self.median(zip(loadSeconds, evaluateSeconds).map { $0 + $1 }) }

        static func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }

        public var description: String {
            func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
            return "\(label): \(units) units, \(resources) resources, \(rules) rules, \(findings) findings; median of \(evaluateSeconds.count): load \(ms(medianLoad)), evaluate \(ms(medianEvaluate)), total \(ms(medianTotal))"
        }
    }

    /// Resources in one unit (plus the shared log bucket, its public access block and lifecycle).
    public static let resourcesPerUnit = 11

    /// A Terraform JSON configuration of `count` units numbered from `start`.
    ///
    /// A unit is a data product: a KMS key, an S3 bucket with its public access block, encryption,
    /// versioning, lifecycle and logging, a Secrets Manager secret and its rotation, a Snowflake
    /// warehouse and a BigQuery dataset, tagged with owner, tier and classification, each with the
    /// provenance comment the DSL writes (construct path and Swift line). One unit in ten violates
    /// four rules, so findings are produced as well.
    public static func configuration(units count: Int, start: Int = 0) -> JSON {
        var resources: [String: [String: JSON]] = [:]
        var unit = 0
        func add(_ type: String, _ name: String, _ body: [String: JSON]) {
            var body = body
            body["//"] = .object(["construct": .string("bench/unit-\(unit)"), "source": .string("Bench/Units.swift:\(unit + 1)")])
            resources[type, default: [:]][name] = .object(body)
        }
        add("aws_s3_bucket", "logs", ["bucket": "bench-logs", "tags": tags(0)])
        add("aws_s3_bucket_public_access_block", "logs", [
            "bucket": "${aws_s3_bucket.logs.id}", "block_public_acls": true, "block_public_policy": true,
            "ignore_public_acls": true, "restrict_public_buckets": true,
        ])
        add("aws_s3_bucket_lifecycle_configuration", "logs", [
            "bucket": "${aws_s3_bucket.logs.id}",
            "rule": .array([.object(["id": "expire", "status": "Enabled", "expiration": .array([.object(["days": .int(365)])])])]),
        ])
        for n in start..<(start + count) {
            unit = n
            let u = "u\(n)"
            let bad = n % 10 == 0
            add("aws_kms_key", u, ["enable_key_rotation": .bool(!bad), "tags": tags(n)])
            add("aws_s3_bucket", u, ["bucket": .string("bench-\(n)"), "tags": tags(n)])
            add("aws_s3_bucket_public_access_block", u, [
                "bucket": .string("${aws_s3_bucket.\(u).id}"), "block_public_acls": true, "block_public_policy": true,
                "ignore_public_acls": true, "restrict_public_buckets": .bool(!bad),
            ])
            add("aws_s3_bucket_server_side_encryption_configuration", u, [
                "bucket": .string("${aws_s3_bucket.\(u).id}"),
                "rule": .array([.object(["apply_server_side_encryption_by_default": .array([.object([
                    "sse_algorithm": "aws:kms", "kms_master_key_id": .string("${aws_kms_key.\(u).arn}"),
                ])])])]),
            ])
            add("aws_s3_bucket_versioning", u, [
                "bucket": .string("${aws_s3_bucket.\(u).id}"),
                "versioning_configuration": .array([.object(["status": "Enabled"])]),
            ])
            add("aws_s3_bucket_lifecycle_configuration", u, [
                "bucket": .string("${aws_s3_bucket.\(u).id}"),
                "rule": .array([.object(["id": "expire", "status": "Enabled", "expiration": .array([.object(["days": .int(400)])])])]),
            ])
            add("aws_s3_bucket_logging", u, [
                "bucket": .string("${aws_s3_bucket.\(u).id}"), "target_bucket": "${aws_s3_bucket.logs.id}",
                "target_prefix": .string("\(u)/"),
            ])
            add("aws_secretsmanager_secret", u, ["name": .string("bench/\(n)"), "kms_key_id": .string("${aws_kms_key.\(u).arn}"), "tags": tags(n)])
            add("aws_secretsmanager_secret_rotation", u, [
                "secret_id": .string("${aws_secretsmanager_secret.\(u).id}"),
                "rotation_lambda_arn": "arn:aws:lambda:eu-west-1:111111111111:function:rotate",
                "rotation_rules": .array([.object(["automatically_after_days": .int(30)])]),
            ])
            add("snowflake_warehouse", u, [
                "name": .string("BENCH_\(n)"), "warehouse_size": bad ? "X4LARGE" : "XSMALL", "auto_suspend": .int(bad ? 0 : 60),
                "resource_monitor": "BENCH",
            ])
            add("google_bigquery_dataset", u, [
                "dataset_id": .string("bench_\(n)"), "labels": tags(n),
                "default_encryption_configuration": .array([.object(["kms_key_name": "projects/p/locations/eu/keyRings/r/cryptoKeys/k"])]),
                "default_table_expiration_ms": .int(31_536_000_000),
            ])
        }
        return .object(["resource": .object(resources.mapValues { .object($0) })])
    }

    private static func tags(_ n: Int) -> JSON {
        .object([
            "owner": .string("team-\(n % 50)@example.com"), "tier": .string("tier\(n % 3 + 1)"),
            "data_classification": n % 4 == 0 ? "confidential" : "internal", "environment": "prod",
        ])
    }

    /// Writes `units` units as `.tf.json` files under `directory` (`unitsPerFile` per file, one root module).
    public static func writeUnits(_ units: Int, to directory: String, unitsPerFile: Int = 100) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var start = 0
        var file = 0
        while start < units {
            let count = min(unitsPerFile, units - start)
            var json = configuration(units: count, start: start)
            if start > 0, case .object(var root) = json, case .object(var byType) = root["resource"] ?? .null,
               case .object = byType["aws_s3_bucket"] ?? .null
            {
                // One shared log bucket for the module, in the first file.
                for type in ["aws_s3_bucket", "aws_s3_bucket_public_access_block", "aws_s3_bucket_lifecycle_configuration"] {
                    if case .object(var byName) = byType[type] ?? .null {
                        byName["logs"] = nil
                        byType[type] = .object(byName)
                    }
                }
                root["resource"] = .object(byType)
                json = .object(root)
            }
            let name = String(format: "units-%05d.tf.json", file)
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: path, contents: Data(JSONWriter().bytes(json))) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            start += count
            file += 1
        }
    }

    /// Every built-in rule over `units` units held in memory.
    public static func measureInMemory(units: Int, iterations: Int = 5) throws -> Measurement {
        let rules = try RuleSet.builtin()
        let json = configuration(units: units)
        var builder = PolicyInputBuilder()
        builder.addConfiguration(json, name: "bench/main.tf.json", environment: "prod")
        let input = builder.build()
        return measure(label: "in memory", units: units, rules: rules, iterations: iterations) { input }
    }

    /// Every built-in rule over `units` units written to `.tf.json` files in `directory` and read
    /// back (parsing with positions included in the load time).
    public static func measureFromDisk(units: Int, iterations: Int = 5, directory: String) throws -> Measurement {
        let rules = try RuleSet.builtin()
        try writeUnits(units, to: directory)
        return measure(label: "from .tf.json", units: units, rules: rules, iterations: iterations) {
            var builder = PolicyInputBuilder()
            builder.addPaths([directory])
            return builder.build()
        }
    }

    /// Every built-in rule over stacks synthesized from the DSL, in memory (as `paved synth` and
    /// `paved check` without a path run it).
    ///
    ///     let synthesis = Synthesizer().synthesize(platform(units: 10_000))
    ///     let stacks = synthesis.stacks.map {
    ///         PolicyGate.Stack(environment: $0.environment.rawValue, path: $0.path, configuration: $0.configuration)
    ///     }
    ///     print(try PolicyBenchmark.measureStacks(stacks, units: 10_000))
    public static func measureStacks(_ stacks: [PolicyGate.Stack], units: Int, iterations: Int = 5) throws -> Measurement {
        let rules = try RuleSet.builtin()
        var builder = PolicyInputBuilder()
        for stack in stacks {
            builder.addConfiguration(stack.configuration, name: stack.path, environment: stack.environment)
        }
        let input = builder.build()
        return measure(label: "synthesized stacks", units: units, rules: rules, iterations: iterations) { input }
    }

    /// Every built-in rule over the `.tf.json` files under `directory` (what `paved synth` wrote),
    /// read and parsed again in each iteration.
    public static func measureDirectory(_ directory: String, units: Int, iterations: Int = 5) throws -> Measurement {
        let rules = try RuleSet.builtin()
        return measure(label: "from .tf.json", units: units, rules: rules, iterations: iterations) {
            var builder = PolicyInputBuilder()
            builder.addPaths([directory])
            return builder.build()
        }
    }

    /// Times `load` and the evaluation of `rules` over what it returns, `iterations` times.
    public static func measure(
        label: String, units: Int, rules: RuleSet, iterations: Int, load: () -> PolicyInput
    ) -> Measurement {
        let engine = PolicyEngine(rules: rules)
        let today = CivilDate(year: 2026, month: 1, day: 1) ?? .today()
        var m = Measurement(label: label, units: units, resources: 0, rules: rules.rules.count, findings: 0, loadSeconds: [], evaluateSeconds: [])
        for _ in 0..<max(1, iterations) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let input = load()
            let t1 = DispatchTime.now().uptimeNanoseconds
            let report = engine.evaluate(input, options: EvaluationOptions(today: today))
            let t2 = DispatchTime.now().uptimeNanoseconds
            m.resources = input.resources.count
            m.findings = report.findings.count
            m.loadSeconds.append(Double(t1 - t0) / 1e9)
            m.evaluateSeconds.append(Double(t2 - t1) / 1e9)
        }
        return m
    }
}
