import Foundation
/// A pull-request comment: a verdict, counts, a table of findings, and waived findings with reasons.
struct MarkdownReporter {
    let report: PolicyReport
    let options: ReportOptions

    /// At most this many findings are listed (a comment has a size limit); the rest are counted.
    static let maxRows = 100

    func render() -> String {
        let failing = report.failing(at: options.failOn)
        var out: [String] = []
        if failing.isEmpty {
            out.append("## Paved policy check: passed")
        } else {
            out.append("## Paved policy check: \(failing.count.counted("failing finding"))")
        }
        out.append("")
        out.append("\(report.resourceCount.counted("resource")) checked against \(report.rules.filter { $0.id != RuleMetadata.expiredWaiver.id }.count.counted("rule")); findings at or above **\(options.failOn)** fail the check (advisory rules never do).")
        out.append("")
        if !report.findings.isEmpty {
            out.append("| Severity | Findings | Failing |")
            out.append("|---|---:|---:|")
            for (severity, n) in report.countsBySeverity {
                out.append("| \(severity) | \(n) | \(failing.count { $0.severity == severity }) |")
            }
            out.append("")
            out.append("| | Rule | Resource | Location | Finding |")
            out.append("|---|---|---|---|---|")
            for f in report.findings.prefix(Self.maxRows) {
                let verdict = f.fails(at: options.failOn) ? "**\(f.severity)**" : "\(f.severity)"
                out.append("| \(verdict) | `\(f.ruleID)` | `\(Self.cell(f.subject))` | `\(Self.cell(f.location.description))` | \(Self.cell(f.message)) |")
            }
            if report.findings.count > Self.maxRows {
                out.append("")
                out.append("…and \(report.findings.count - Self.maxRows) more: run `paved check` for the full list.")
            }
            out.append("")
            let ids = Set(report.findings.map(\.ruleID))
            out.append("<details><summary>How to fix</summary>")
            out.append("")
            for rule in report.rules where ids.contains(rule.id) {
                out.append("- **\(rule.id)** \(Self.cell(rule.title)): \(Self.cell(rule.remediation))")
            }
            out.append("")
            out.append("</details>")
            out.append("")
        } else {
            out.append("No findings.")
            out.append("")
        }
        if !report.waived.isEmpty {
            out.append("<details><summary>\(report.waived.count.counted("waived finding"))</summary>")
            out.append("")
            out.append("| Rule | Resource | Reason | Owner | Expires |")
            out.append("|---|---|---|---|---|")
            for w in report.waived {
                out.append("| `\(w.finding.ruleID)` | `\(Self.cell(w.finding.subject))` | \(Self.cell(w.waiver.reason)) | \(Self.cell(w.waiver.owner)) | \(w.waiver.expires) |")
            }
            out.append("")
            out.append("</details>")
            out.append("")
        }
        if !report.baselined.isEmpty {
            out.append("\(report.baselined.count.counted("finding")) from the baseline not shown.")
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Text safe inside a table cell: pipes escaped, newlines as spaces.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
