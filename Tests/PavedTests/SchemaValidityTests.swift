import AcmeData
import Foundation
import Paved
import PavedTesting
import Testing

/// Everything the constructs write exists in the real provider schemas, with every required
/// attribute and block set.
@Suite struct SchemaValidityTests {
    /// ../shared/schemas beside the project (the real, full schemas), when present.
    static let sharedSchemas: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/schemas")

    /// True when `../shared/schemas/FILE` (the full provider schemas) is beside the checkout.
    static func hasSharedSchema(_ file: String) -> Bool {
        FileManager.default.fileExists(atPath: sharedSchemas.appendingPathComponent(file).path)
    }

    /// What validating every stack of `platforms` against the full shared schema `file` (every
    /// provider file when nil) finds, as text.
    static func sharedSchemaFindings(_ file: String?, _ platforms: [Platform]) throws -> [String] {
        let path = file.map { sharedSchemas.appendingPathComponent($0).path } ?? sharedSchemas.path
        let schemas = try ProviderSchemas.load(path: path)
        return platforms.flatMap { platform in
            Synthesizer().synthesize(platform).stacks.flatMap { stack in
                SchemaValidator(schemas: schemas)
                    .validate(text: TerraformRenderer().renderBytes(stack.configuration), file: stack.path).map(\.description)
            }
        }
    }

    func validate(_ platform: Platform, with schemas: ProviderSchemas) -> [String] {
        let synthesis = Synthesizer().synthesize(platform)
        return synthesis.stacks.flatMap { stack in
            SchemaValidator(schemas: schemas)
                .validate(text: TerraformRenderer().renderBytes(stack.configuration), file: stack.path)
                .map(\.description)
        }
    }

    /// The example's only findings are the notes that Prefect and Dagster+ have no schema to check
    /// against (their attributes are pinned from the providers' source instead: PrefectDagsterTests).
    static func exampleProblems(_ findings: [String]) -> [String] {
        findings.filter {
            !($0.contains(": note: no schema loaded for provider registry.terraform.io/prefecthq/prefect;")
                || $0.contains(": note: no schema loaded for provider registry.terraform.io/dagster-io/dagsterplus;"))
        }
    }

    @Test func exampleIsValidAgainstTheBundledSchemas() throws {
        let found = validate(acme, with: try ProviderSchemas.bundled())
        #expect(Self.exampleProblems(found) == [])
        #expect(found.count == 4)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedSchemas.appendingPathComponent("aws.json").path)))
    func exampleIsValidAgainstTheFullProviderSchemas() throws {
        let all = try ProviderSchemas.load(path: Self.sharedSchemas.path)
        let found = validate(acme, with: all)
        #expect(Self.exampleProblems(found) == [])
        #expect(found.count == 4)
    }

    @Test func everyConstructFullyConfiguredIsValid() throws {
        let platform = Platform("full", owner: "o@acme.io", team: "t", tier: .tier1, classification: .restricted, costCenter: "cc") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"), backend: .local(path: "dev.tfstate"))
            LogBucket("logs", keepLogsFor: .days(90))
            Bucket("data", classification: .confidential, forceDestroy: true) {
                Retention(
                    expireAfter: .days(800), transitions: [.after(.days(30), to: .standardIA), .after(.days(120), to: .deepArchive)],
                    noncurrentVersionsExpireAfter: .days(10), abortIncompleteUploadsAfter: .days(2))
            }
            Secret("api/key", description: "d", recoveryWindow: .days(7), rotation: .every(.days(7), usingFunctionARN: "arn:aws:lambda:eu-west-1:111111111111:function:r"))
            Role("job", assumedBy: .service(.ecsTasks), .role("other"), .arn("arn:aws:iam::222222222222:role/x"), maxSessionDuration: .hours(4)) {
                Allow(.read, on: "data")
                Allow(.write, on: "data")
                Allow(.readSecret, on: "api/key")
                Allow(actions: ["s3:ListAllMyBuckets"], on: ["*"])
            }
            Role("other", assumedBy: .service(.lambda))
            Airflow(
                "core", on: .mwaa(subnetIDs: ["subnet-0a1b2c3d", "subnet-1a2b3c4d"], securityGroupIDs: ["sg-0123abcd"]),
                version: "2.10.3", dags: "data", webserver: .publicOnTheInternet, size: .large, workers: 2...25, schedulers: 5,
                logLevel: .debug, keepLogsFor: .days(3653)
            ) {
                Allow(.read, on: "data")
                Allow(.readSecret, on: "api/key")
                Allow(actions: ["glue:StartJobRun"], on: ["arn:aws:glue:eu-west-1:111111111111:job/nightly"])
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        #expect(validate(platform, with: try ProviderSchemas.bundled()) == [])
    }

    @Test func everyGoogleCloudConstructFullyConfiguredIsValid() throws {
        let platform = Platform("full", owner: "o@acme.io", team: "t", tier: .tier1, classification: .restricted, costCenter: "cc") {
            Environment(.dev, gcp: .project("full-dev", region: "europe-west1"), backend: .local(path: "dev.tfstate"))
            GCPServiceAccount("airflow-worker")
            Airflow(
                "core", on: .composer(serviceAccount: "airflow-worker"), version: "composer-3-airflow-2.10.5-build.13",
                webserver: .allowList(["203.0.113.0/24", "2001:db8::/32"]), size: .large, workers: 3...25, schedulers: 4)
            Airflow(
                "legacy", on: .composer(serviceAccount: "airflow-worker"), version: "composer-2.9.7-airflow-2.9.3",
                webserver: .allowList(["198.51.100.0/24"]), size: .medium)
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        #expect(validate(platform, with: try ProviderSchemas.bundled()) == [])
    }

    @Test func vaultAndKubernetesPrincipalsFullyConfiguredAreValid() throws {
        let platform = Platform("full", owner: "o@acme.io", team: "t", tier: .tier1, classification: .restricted, costCenter: "cc") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"), backend: .local(path: "dev.tfstate"))
            Vault.KVEngine("kv", description: "d", maxVersions: 5, deleteVersionAfter: .days(30)) {
                Vault.Secret("a/b", description: "d", maxVersions: 2, deleteVersionAfter: .days(1), casRequired: true, owner: "x@acme.io")
            }
            Vault.Principal(
                "p", login: .appRole(backend: "ar", secretIDBoundCIDRs: ["10.0.0.0/8"], tokenBoundCIDRs: ["10.0.0.0/8"]),
                .kubernetes(backend: "k8s", namespaces: ["ns"], serviceAccounts: ["sa"], audience: "vault", tokenBoundCIDRs: ["10.0.0.0/8"])
            ) {
                Allow(.readSecret, on: "kv/a/b")
                Vault.AllowEverySecret(.readSecret, under: "kv/a")
            }
            Role("pod", assumedBy: .kubernetes(
                oidcProvider: "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", namespace: "ns", serviceAccount: "sa"))
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        #expect(validate(platform, with: try ProviderSchemas.bundled()) == [])
    }

    /// The Google Cloud constructs (Cloud Storage, Cloud Logging, Secret Manager grants, workload
    /// identity), fully configured, against the bundled schemas.
    @Test func googleCloudConstructsFullyConfiguredAreValid() throws {
        for platform in [GCSTests.minimal, GCSTests.full, GCPSecretTests.grants] {
            #expect(PavedTesting.diagnostics(of: platform) == [])
            #expect(validate(platform, with: try ProviderSchemas.bundled()) == [])
        }
    }
}
