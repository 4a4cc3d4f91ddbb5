/// JUnit XML: one test suite per pack, one test case per finding (a failure when it fails the
/// check), one passing test case per rule without findings, and waived findings as skipped.
struct JUnitReporter {
    let report: PolicyReport
    let options: ReportOptions

    func render() -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, skipped: 0)
        let packs = Array(Set(report.rules.map(\.pack))).sorted()
        for pack in packs {
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, skipped: 0)
            for rule in report.rules where rule.pack == pack {
                let findings = report.findings.filter { $0.ruleID == rule.id }
                let waived = report.waived.filter { $0.finding.ruleID == rule.id }
                let className = Self.escape("\(pack).\(rule.id)")
                if findings.isEmpty && waived.isEmpty {
                    cases.append("    <testcase classname=\"\(className)\" name=\"\(Self.escape(rule.title))\"/>")
                    counts.tests += 1
                }
                for f in findings {
                    counts.tests += 1
                    let attributes = "classname=\"\(className)\" name=\"\(Self.escape(f.subject))\" file=\"\(Self.escape(f.location.path ?? f.location.file))\" line=\"\(f.location.line)\""
                    let detail = Self.escape("\(f.location): \(f.message)\nFix: \(f.remediation)")
                    if f.fails(at: options.failOn) {
                        counts.failures += 1
                        cases.append("""
                                <testcase \(attributes)>
                                  <failure message="\(Self.escape(f.message))" type="\(f.severity)">\(detail)</failure>
                                </testcase>
                            """)
                    } else {
                        let why = f.enforcement == .advisory ? "advisory" : "below --fail-on \(options.failOn)"
                        cases.append("""
                                <testcase \(attributes)>
                                  <system-out>\(Self.escape("\(f.severity) (\(why), not failing): ") + detail)</system-out>
                                </testcase>
                            """)
                    }
                }
                for w in waived {
                    counts.tests += 1
                    counts.skipped += 1
                    let message = "waived until \(w.waiver.expires) by \(w.waiver.owner): \(w.waiver.reason)"
                    cases.append("""
                            <testcase classname="\(className)" name="\(Self.escape(w.finding.subject))" file="\(Self.escape(w.finding.location.path ?? w.finding.location.file))" line="\(w.finding.location.line)">
                              <skipped message="\(Self.escape(message))"/>
                            </testcase>
                        """)
                }
            }
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.skipped += counts.skipped
            suites.append(
                "  <testsuite name=\"\(Self.escape(pack))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"0\" skipped=\"\(counts.skipped)\">\n"
                    + cases.joined(separator: "\n") + (cases.isEmpty ? "" : "\n") + "  </testsuite>")
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="paved check" tests="\(totals.tests)" failures="\(totals.failures)" errors="0" skipped="\(totals.skipped)">
            \(suites.joined(separator: "\n"))
            </testsuites>

            """
    }

    /// XML-escapes text for attributes and content; drops characters XML 1.0 cannot carry.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += "&#\(scalar.value);"
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
