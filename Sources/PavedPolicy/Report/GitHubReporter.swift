import Foundation
/// GitHub Actions workflow commands: one annotation per finding on its file and line, and a summary.
struct GitHubReporter {
    let report: PolicyReport
    let options: ReportOptions

    func render() -> String {
        var lines: [String] = []
        for f in report.findings {
            let command: String
            if f.fails(at: options.failOn) {
                command = "error"
            } else {
                command = f.severity >= .low ? "warning" : "notice"
            }
            let title = "\(f.ruleID) (\(f.severity))"
            let properties = "file=\(Self.property(f.location.path ?? f.location.file)),line=\(f.location.line),title=\(Self.property(title))"
            lines.append("::\(command) \(properties)::\(Self.data("\(f.subject): \(f.message)\nFix: \(f.remediation)"))")
        }
        for w in report.waived {
            let f = w.finding
            let properties = "file=\(Self.property(f.location.path ?? f.location.file)),line=\(f.location.line),title=\(Self.property("\(f.ruleID) waived"))"
            lines.append("::notice \(properties)::\(Self.data("\(f.subject): \(f.message)\nWaived until \(w.waiver.expires) by \(w.waiver.owner): \(w.waiver.reason)"))")
        }
        lines.append("::notice title=paved check::\(Self.data(TextReporter(report: report, options: options).summary))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes a message (`%`, CR, LF).
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
