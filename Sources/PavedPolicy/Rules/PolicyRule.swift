import PavedTerraform

/// A policy rule: its metadata and how it is evaluated, declaratively (a rule file's condition)
/// or in Swift. Both produce the same ``Finding``s.
public struct PolicyRule: Sendable {
    public var metadata: RuleMetadata
    /// The resource types the rule looks at.
    public var selector: TypeSelector
    var body: Body
    /// The rule file's text, for `paved policies explain`.
    public var sourceText: String?

    enum Body: Sendable {
        /// `where:` (optional), `require:` and the message of a finding.
        case declarative(where: Condition?, require: Condition, message: String)
        case swift(SwiftRuleImplementation)
    }

    /// A rule implemented in Swift.
    ///
    ///     let rule = PolicyRule.swift(
    ///         RuleMetadata(id: "ACME-001", title: "…", severity: .high, enforcement: .softMandatory,
    ///                      pack: "acme", service: "s3", rationale: "…", remediation: "…"),
    ///         SwiftRuleImplementation(types: ["aws_s3_bucket"]) { resource, context in
    ///             resource.name.hasPrefix("tmp") ? [Violation("temporary buckets are not allowed")] : []
    ///         })
    public static func swift(_ metadata: RuleMetadata, _ implementation: SwiftRuleImplementation) -> PolicyRule {
        PolicyRule(metadata: metadata, selector: TypeSelector(implementation.types), body: .swift(implementation))
    }

    /// True for rules written in Swift.
    public var isSwift: Bool {
        if case .swift = body { return true }
        return false
    }
}

/// The Swift half of a rule: which types it looks at and what it finds on one resource.
public struct SwiftRuleImplementation: Sendable {
    /// Type selectors, as in rule files (`aws_iam_role`, `data.aws_iam_policy_document`, `google_*`).
    public var types: [String]
    /// The violations of one resource (empty when it complies).
    public var evaluate: @Sendable (PolicyResource, RuleContext) -> [Violation]

    public init(types: [String], evaluate: @escaping @Sendable (PolicyResource, RuleContext) -> [Violation]) {
        self.types = types
        self.evaluate = evaluate
    }
}

/// What a Swift rule reports about one resource.
public struct Violation: Sendable, Equatable {
    /// The finding's message. Never include attribute values that could be secrets.
    public var message: String
    /// Pointer tokens of the offending value within the resource body (`["statement", "0", "actions"]`),
    /// so the finding points at its line; empty for the resource itself.
    public var attribute: [String]

    public init(_ message: String, at attribute: [String] = []) {
        self.message = message
        self.attribute = attribute
    }
}
