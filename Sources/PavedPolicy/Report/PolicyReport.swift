import PavedTerraform

/// A finding a waiver accepted, and the waiver.
public struct WaivedFinding: Sendable, Hashable {
    public var finding: Finding
    public var waiver: Waiver
}

/// The result of one evaluation: what every reporter renders and what decides the exit code.
public struct PolicyReport: Sendable {
    /// Unwaived findings not in the baseline (including expired waivers), most severe first.
    public var findings: [Finding]
    /// Findings accepted by a waiver, with the waiver (reports list them separately with reasons).
    public var waived: [WaivedFinding]
    /// Findings left out because the baseline has them.
    public var baselined: [Finding]
    /// Waivers that matched nothing.
    public var unusedWaivers: [Waiver]
    /// The rules evaluated, by id.
    public var rules: [RuleMetadata]
    public var resourceCount: Int
    /// The documents read: files, or stack paths for synthesized stacks.
    public var documents: [String]
    /// Problems with the input or waivers; errors mean the check itself could not be trusted.
    public var diagnostics: [Diagnostic]

    /// The findings that fail a check: not advisory, and hard-mandatory or at least `threshold` severe.
    public func failing(at threshold: Severity) -> [Finding] {
        findings.filter { $0.enforcement == .hardMandatory || ($0.enforcement == .softMandatory && $0.severity >= threshold) }
    }

    /// True when an unwaived hard-mandatory finding remains (what stops `paved synth`).
    public var hasUnwaivedHardMandatory: Bool {
        findings.contains { $0.enforcement == .hardMandatory }
    }

    /// Counts of open findings by severity, most severe first (zeros left out).
    public var countsBySeverity: [(Severity, Int)] {
        Severity.allCases.reversed().compactMap { severity in
            let n = findings.count { $0.severity == severity }
            return n == 0 ? nil : (severity, n)
        }
    }

    /// The metadata of a rule of the report.
    public func rule(_ id: String) -> RuleMetadata? {
        rules.first { $0.id == id }
    }
}
