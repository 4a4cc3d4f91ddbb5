import PavedTerraform

/// The output formats of `paved check`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Compiler-style lines for people and editors.
    case text
    /// Everything, for tools.
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// JUnit XML, for CI test reporters.
    case junit
    /// GitHub Actions workflow commands (annotations on the pull request).
    case github
    /// A pull-request comment.
    case markdown
}

/// What reporters need besides the report.
public struct ReportOptions: Sendable {
    /// Findings at or above this severity fail the check (unless advisory).
    public var failOn: Severity
    /// Paved's version, written into SARIF and JSON.
    public var toolVersion: String

    public init(failOn: Severity = .high, toolVersion: String) {
        self.failOn = failOn
        self.toolVersion = toolVersion
    }
}

/// Renders a report in a format.
public enum Reporter {
    /// The report as text in `format` (ending with a newline).
    public static func render(_ report: PolicyReport, format: ReportFormat, options: ReportOptions) -> String {
        switch format {
        case .text: TextReporter(report: report, options: options).render()
        case .json: JSONReporter(report: report, options: options).render()
        case .sarif: SARIFReporter(report: report, options: options).render()
        case .junit: JUnitReporter(report: report, options: options).render()
        case .github: GitHubReporter(report: report, options: options).render()
        case .markdown: MarkdownReporter(report: report, options: options).render()
        }
    }
}

extension Finding {
    /// `aws_s3_bucket.raw (dev)`.
    var subject: String { environment.map { "\(address) (\($0))" } ?? address }

    /// True when the finding fails a check at `threshold`.
    func fails(at threshold: Severity) -> Bool {
        enforcement == .hardMandatory || (enforcement == .softMandatory && severity >= threshold)
    }
}

extension Int {
    /// `1 finding`, `2 findings`.
    func counted(_ noun: String, _ plural: String? = nil) -> String {
        "\(self) \(self == 1 ? noun : plural ?? noun + "s")"
    }
}
