/// Compiler-style output: `File.swift:12: high: [SEC-S3-001] aws_s3_bucket.raw (dev): message`.
struct TextReporter {
    let report: PolicyReport
    let options: ReportOptions

    func render() -> String {
        var lines: [String] = []
        for f in report.findings {
            let marker = f.fails(at: options.failOn) ? "" : " (not failing: \(f.enforcement == .advisory ? "advisory" : "below --fail-on \(options.failOn)"))"
            lines.append("\(f.location): \(f.severity): [\(f.ruleID)] \(f.subject): \(f.message)\(marker)")
        }
        let rulesWithFindings = Set(report.findings.map(\.ruleID))
        if !rulesWithFindings.isEmpty {
            lines.append("")
            lines.append("How to fix:")
            for rule in report.rules where rulesWithFindings.contains(rule.id) {
                lines.append("  \(rule.id) \(rule.title): \(rule.remediation)")
            }
        }
        if !report.waived.isEmpty {
            lines.append("")
            lines.append("Waived (\(report.waived.count)):")
            for w in report.waived {
                let declared = w.waiver.location.withoutColumn
                let place = declared.file == w.finding.location.file && declared.line == w.finding.location.line ? "" : " (waiver at \(declared))"
                lines.append("  \(w.finding.location): [\(w.finding.ruleID)] \(w.finding.subject): waived until \(w.waiver.expires) by \(w.waiver.owner)\(place): \(w.waiver.reason)")
            }
        }
        if !report.baselined.isEmpty {
            lines.append("")
            lines.append("Baseline: \(report.baselined.count.counted("known finding")) not shown.")
        }
        lines.append("")
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    var summary: String {
        let failing = report.failing(at: options.failOn).count
        var parts = ["\(report.resourceCount.counted("resource")) checked against \(report.rules.filter { $0.id != RuleMetadata.expiredWaiver.id }.count.counted("rule"))"]
        if report.findings.isEmpty {
            parts.append("no findings")
        } else {
            let counts = report.countsBySeverity.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
            parts.append("\(report.findings.count.counted("finding")) (\(counts)), \(failing) failing")
        }
        if !report.waived.isEmpty { parts.append("\(report.waived.count) waived") }
        if !report.baselined.isEmpty { parts.append("\(report.baselined.count) in baseline") }
        return (failing > 0 ? "FAILED: " : "PASSED: ") + parts.joined(separator: "; ") + "."
    }
}
