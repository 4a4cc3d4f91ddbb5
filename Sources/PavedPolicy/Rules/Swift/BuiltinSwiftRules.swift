import PavedTerraform

/// The Swift implementations of built-in rules, by rule id. Their metadata (title, severity,
/// rationale, …) lives in the rule files under `policies/`, which say `implementation: swift`.
public enum BuiltinSwiftRules {
    public static let implementations: [String: SwiftRuleImplementation] = [
        "SEC-IAM-001": wildcardActions,
        "SEC-IAM-002": serviceWildcardsOnAnyResource,
        "SEC-IAM-003": openTrustPolicies,
        "GOV-META-001": requiredMetadata,
    ]

    /// Identity policies: the policy documents users attach to roles, users and groups.
    static let identityPolicyTypes = [
        "data.aws_iam_policy_document", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy",
        "aws_iam_group_policy", "aws_iam_role",
    ]

    /// Statements of a resource that holds an identity policy (`aws_iam_role` through its inline policies).
    static func identityStatements(_ resource: PolicyResource) -> [IAMStatement] {
        if resource.mode == .data { return IAMPolicyDocument.statements(ofDataSource: resource.attributes) }
        if resource.type == "aws_iam_role" {
            var out: [IAMStatement] = []
            for (i, inline) in (resource.attributes["inline_policy"]?.arrayValue ?? []).enumerated() {
                if let text = inline["policy"]?.stringValue {
                    out += IAMPolicyDocument.statements(ofJSONText: text, attribute: ["inline_policy", String(i), "policy"]) ?? []
                }
            }
            return out
        }
        guard let text = resource.attributes["policy"]?.stringValue else { return [] }
        return IAMPolicyDocument.statements(ofJSONText: text, attribute: ["policy"]) ?? []
    }

    /// SEC-IAM-001: no Allow statement grants every action.
    static let wildcardActions = SwiftRuleImplementation(types: identityPolicyTypes) { resource, _ in
        identityStatements(resource).compactMap { s in
            guard s.allows, s.hasAction(where: { $0 == "*" }) else { return nil }
            return Violation("\(s.label) allows every action ('*')", at: s.pointer + (resource.mode == .data ? ["actions"] : []))
        }
    }

    /// SEC-IAM-002: no Allow statement grants a whole service, or everything but some actions, on every resource.
    static let serviceWildcardsOnAnyResource = SwiftRuleImplementation(types: identityPolicyTypes) { resource, _ in
        identityStatements(resource).compactMap { s in
            guard s.allows, s.coversEveryResource else { return nil }
            if s.usesNotAction {
                return Violation("\(s.label) allows every action but its NotAction list on every resource ('*')", at: s.pointer)
            }
            let isServiceWildcard: (String) -> Bool = { $0 != "*" && $0.hasSuffix(":*") }
            guard s.hasAction(where: isServiceWildcard) else { return nil }
            let list = s.actions(where: isServiceWildcard).map { "'\($0)'" }.joined(separator: ", ")
            return Violation("\(s.label) allows \(list) on every resource ('*')", at: s.pointer + (resource.mode == .data ? ["actions"] : []))
        }
    }

    /// SEC-IAM-003: a role's trust policy does not let any principal assume it without a condition.
    static let openTrustPolicies = SwiftRuleImplementation(types: ["aws_iam_role"]) { resource, context in
        var statements: [IAMStatement] = []
        if let text = resource.attributes["assume_role_policy"]?.stringValue,
           let literal = IAMPolicyDocument.statements(ofJSONText: text, attribute: ["assume_role_policy"])
        {
            statements = literal
        } else {
            for document in context.resources(referencedBy: resource, attribute: "assume_role_policy")
            where document.type == "aws_iam_policy_document" && document.mode == .data {
                statements += IAMPolicyDocument.statements(ofDataSource: document.attributes).map { s in
                    var s = s
                    s.pointer = ["assume_role_policy"]
                    return s
                }
            }
        }
        return statements.compactMap { s in
            guard s.allows, s.isOpenToAnyPrincipal, !s.hasCondition else { return nil }
            return Violation("trust policy \(s.label) lets any principal ('*') assume the role, with no condition", at: s.pointer)
        }
    }

    /// GOV-META-001: every resource that can carry tags or labels has an owner, a tier and a data classification.
    static let requiredMetadata = SwiftRuleImplementation(types: ["*"]) { resource, context in
        let taggable = context.isTaggable(type: resource.type) ?? resource.metadata.hasTags
        guard taggable || resource.metadata.hasExplicitMetadata else { return [] }
        var missing: [String] = []
        if resource.metadata.owner == nil { missing.append("owner") }
        if resource.metadata.tier == nil { missing.append("tier") }
        if resource.metadata.classification == nil { missing.append("data_classification") }
        guard !missing.isEmpty else { return [] }
        let word = resource.type.hasPrefix("google_") ? "labels" : "tags"
        let pointer: [String] = resource.attributes["labels"] != nil && word == "labels" ? ["labels"] : (resource.attributes["tags"] != nil ? ["tags"] : [])
        return [Violation("missing \(word): \(missing.joined(separator: ", "))", at: pointer)]
    }
}
