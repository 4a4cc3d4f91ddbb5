import PavedTerraform

/// What a rule is, independent of how it is evaluated: the part users, auditors and reports read.
public struct RuleMetadata: Sendable, Equatable {
    /// Stable identifier, such as `SEC-S3-001`. Waivers and baselines refer to it.
    public var id: String
    /// One line: what good looks like ("S3 buckets block all public access").
    public var title: String
    public var severity: Severity
    public var enforcement: Enforcement
    /// The pack the rule belongs to (`security`, `governance`, `cost`, or a team's own).
    public var pack: String
    /// The service the rule covers (`s3`, `snowflake`, `bigquery`, …), for listings and counts.
    public var service: String
    /// Why the rule exists: the risk it controls.
    public var rationale: String
    /// How to fix a finding.
    public var remediation: String
    /// Links to the provider documentation or the control it maps to.
    public var references: [String]
    /// Where the rule was declared: its rule file and line, or `<builtin>/…`.
    public var source: SourceLocation?

    public init(
        id: String, title: String, severity: Severity, enforcement: Enforcement, pack: String, service: String,
        rationale: String, remediation: String, references: [String] = [], source: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.enforcement = enforcement
        self.pack = pack
        self.service = service
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.source = source
    }
}

extension RuleMetadata {
    /// The pseudo-rule under which an expired waiver is reported.
    public static let expiredWaiver = RuleMetadata(
        id: "PAVED-WAIVER-EXPIRED", title: "Waivers are renewed or removed when they expire", severity: .low,
        enforcement: .softMandatory, pack: "paved", service: "paved",
        rationale: "A waiver accepts a risk for a limited time. After its expiry date it no longer waives anything, and the finding it covered is reported again.",
        remediation: "Fix the finding and delete the waiver, or renew the waiver with a new expiry date and a current reason.",
        references: [])
}
