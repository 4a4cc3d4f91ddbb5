import Foundation
import Paved
import PavedTesting
import Testing

/// Roles assumed by Kubernetes service accounts (EKS IAM roles for service accounts): golden,
/// exact trust policy, unchanged trust for other principals, diagnostics.
@Suite struct RoleKubernetesTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")
    static let issuer = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
    static let other = "oidc.eks.eu-central-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"

    static let minimal = Platform("acme-data", owner: "data-platform@acme.io", tier: .tier2, classification: .internal) {
        Environment(.prod, aws: .account("123456789012", region: "eu-west-1"), backend: .local(path: "prod.tfstate"))
        Role("dagster-runner", assumedBy: .kubernetes(oidcProvider: issuer, namespace: "dagster", serviceAccount: "runner"))
    }

    static let full = Platform("acme-data", owner: "data-platform@acme.io", tier: .tier2, classification: .internal) {
        Environment(.prod, aws: .account("123456789012", region: "eu-west-1"), backend: .local(path: "prod.tfstate"))
        Secret("dagster/db-password", rotation: .every(.days(30), usingFunctionARN: "arn:aws:lambda:eu-west-1:123456789012:function:rotate"))
        Role(
            "dagster-runner",
            assumedBy: .kubernetes(oidcProvider: issuer, namespace: "dagster", serviceAccount: "sensor"),
            .kubernetes(oidcProvider: other, namespace: "jobs", serviceAccount: "spark.driver"),
            .kubernetes(oidcProvider: issuer, namespace: "dagster", serviceAccount: "runner"),
            .kubernetes(oidcProvider: issuer, namespace: "dagster", serviceAccount: "runner"),
            description: "Dagster runs on EKS", maxSessionDuration: .hours(2)
        ) {
            Allow(.readSecret, on: "dagster/db-password")
        }
        Role("mixed", assumedBy: .service(.glue), .kubernetes(oidcProvider: issuer, namespace: "dagster", serviceAccount: "runner"))
    }

    @Test(arguments: ["minimal", "full"])
    func matchesGolden(_ platform: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        #expect(rendered.diagnostics.map(\.description) == [])
        let text = try #require(rendered.files["prod/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("role-kubernetes-\(platform)-prod.tf.json"))
    }

    static func trust(_ platform: Platform, _ role: String) -> JSON? {
        PavedTesting.stack(platform, .prod)?.resources
            .first { $0.address == ResourceAddress.data("aws_iam_policy_document", "\(role)_trust") }?
            .arguments["statement"]?.renderedJSON
    }

    static func webIdentity(sid: String, issuer: String, subjects: [String]) -> JSON {
        .object([
            "sid": .string(sid), "effect": "Allow", "actions": .array(["sts:AssumeRoleWithWebIdentity"]),
            "principals": .array([.object([
                "type": "Federated", "identifiers": .array([.string("arn:aws:iam::123456789012:oidc-provider/\(issuer)")]),
            ])]),
            "condition": .array([
                .object(["test": "StringEquals", "variable": .string("\(issuer):aud"), "values": .array(["sts.amazonaws.com"])]),
                .object(["test": "StringEquals", "variable": .string("\(issuer):sub"), "values": .array(subjects.map { .string($0) })]),
            ]),
        ])
    }

    /// `sts:AssumeRoleWithWebIdentity` from the issuer's IAM OIDC provider, only for the token
    /// audience STS expects and exactly the named service accounts; one statement per issuer.
    @Test func trustPolicyIsExact() throws {
        #expect(Self.trust(Self.minimal, "dagster_runner") == .array([
            Self.webIdentity(sid: "AssumeRoleWithWebIdentity", issuer: Self.issuer, subjects: ["system:serviceaccount:dagster:runner"]),
        ]))
        #expect(Self.trust(Self.full, "dagster_runner") == .array([
            Self.webIdentity(
                sid: "AssumeRoleWithWebIdentity", issuer: Self.other, subjects: ["system:serviceaccount:jobs:spark.driver"]),
            Self.webIdentity(
                sid: "AssumeRoleWithWebIdentity2", issuer: Self.issuer,
                subjects: ["system:serviceaccount:dagster:runner", "system:serviceaccount:dagster:sensor"]),
        ]))
        // With a service principal, its statement comes first, exactly as before.
        let mixed = try #require(Self.trust(Self.full, "mixed")?.arrayValue)
        #expect(mixed.count == 2)
        #expect(mixed.first == .object([
            "sid": "AssumeRole", "effect": "Allow", "actions": .array(["sts:AssumeRole"]),
            "principals": .array([.object(["type": "Service", "identifiers": .array(["glue.amazonaws.com"])])]),
            "condition": .array([.object(["test": "StringEquals", "variable": "aws:SourceAccount", "values": .array(["123456789012"])])]),
        ]))
        #expect(mixed.last == Self.webIdentity(
            sid: "AssumeRoleWithWebIdentity", issuer: Self.issuer, subjects: ["system:serviceaccount:dagster:runner"]))
    }

    /// Roles without a Kubernetes principal keep their single AssumeRole statement.
    @Test func otherPrincipalsAreUnchanged() throws {
        let platform = Platform("acme-data", owner: "o@acme.io") {
            Environment(.prod, aws: .account("123456789012", region: "eu-west-1"))
            Role("a", assumedBy: .arn("arn:aws:iam::222222222222:role/x"))
        }
        #expect(Self.trust(platform, "a") == .array([.object([
            "sid": "AssumeRole", "effect": "Allow", "actions": .array(["sts:AssumeRole"]),
            "principals": .array([.object(["type": "AWS", "identifiers": .array(["arn:aws:iam::222222222222:role/x"])])]),
        ])]))
    }

    /// An issuer outside EKS (a self-managed cluster) is accepted as host and path.
    @Test func otherIssuersAreAccepted() {
        let platform = Platform("acme-data", owner: "o@acme.io") {
            Environment(.prod, aws: .account("123456789012", region: "eu-west-1"))
            Role("k", assumedBy: .kubernetes(oidcProvider: "k8s.acme.io/clusters/data-1", namespace: "jobs", serviceAccount: "etl"))
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        #expect(Self.trust(platform, "k") == .array([
            Self.webIdentity(sid: "AssumeRoleWithWebIdentity", issuer: "k8s.acme.io/clusters/data-1", subjects: ["system:serviceaccount:jobs:etl"]),
        ]))
    }

    /// An AWS role that names a Vault secret is told where Vault access goes.
    @Test func vaultSecretsAreNotIAMTargets() {
        let file = "PavedTests/RoleKubernetesTests.swift"
        let line = #line
        let platform = Platform("acme-data", owner: "o@acme.io") {
            Environment(.prod, aws: .account("123456789012", region: "eu-west-1"))
            Vault.KVEngine("apps") { Vault.Secret("db") }
            Role("job", assumedBy: .service(.glue)) {
                Allow(.readSecret, on: "apps/db")
                Allow(.readSecret, on: "apps")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 5): error: cannot grant .readSecret on vault secret 'apps/db': AWS roles cannot be granted Vault secrets: grant it in a Vault.Principal",
            "\(file):\(line + 6): error: cannot grant .readSecret on vault kv engine 'apps': AWS roles cannot be granted Vault secrets: grant it in a Vault.Principal",
        ])
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/RoleKubernetesTests.swift"
        let line = #line
        let platform = Platform("acme-data", owner: "o@acme.io") {
            Environment(.prod, aws: .account("123456789012", region: "eu-west-1"))
            Role(
                "bad",
                assumedBy: .kubernetes(oidcProvider: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "Dagster", serviceAccount: "runner_1"),
                .kubernetes(oidcProvider: "oidc.eks.eu-west-1.amazonaws.com/id/example0123456789abcdef01234567", namespace: "-x", serviceAccount: "ok"),
                .kubernetes(oidcProvider: "token.example.com/", namespace: "a", serviceAccount: "b"),
                .kubernetes(oidcProvider: "Issuer.Example.com", namespace: String(repeating: "n", count: 64), serviceAccount: "*"))
        }
        let at = "\(file):\(line + 3): error: role 'bad' .kubernetes"
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(at) oidcProvider 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' must not include the scheme: write 'oidc.eks.eu-west-1.amazonaws.com/id/ABC'",
            "\(at) namespace 'Dagster' is not a Kubernetes namespace name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
            "\(at) service account 'runner_1' is not a Kubernetes service account name (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
            "\(at) oidcProvider 'oidc.eks.eu-west-1.amazonaws.com/id/example0123456789abcdef01234567' is not an EKS issuer: expected oidc.eks.REGION.amazonaws.com/id/ID with a 32-character ID of uppercase letters and digits (aws eks describe-cluster --query cluster.identity.oidc.issuer, without https://)",
            "\(at) namespace '-x' is not a Kubernetes namespace name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
            "\(at) oidcProvider 'token.example.com/' must not end with '/'",
            "\(at) oidcProvider 'Issuer.Example.com' is not an OIDC issuer host and path (such as oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE)",
            "\(at) namespace '\(String(repeating: "n", count: 64))' is not a Kubernetes namespace name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
            "\(at) service account '*' is not a Kubernetes service account name (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
        ])
    }
}
