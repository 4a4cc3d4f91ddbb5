import PavedTerraform

/// Everything in the report as JSON (sorted keys, no timestamps).
struct JSONReporter {
    let report: PolicyReport
    let options: ReportOptions

    func render() -> String {
        let failing = report.failing(at: options.failOn)
        var bySeverity: [String: JSON] = [:]
        for (severity, n) in report.countsBySeverity { bySeverity[severity.rawValue] = .int(n) }
        let root: JSON = .object([
            "version": .int(1),
            "tool": .object(["name": .string("paved"), "version": .string(options.toolVersion)]),
            "fail_on": .string(options.failOn.rawValue),
            "passed": .bool(failing.isEmpty),
            "summary": .object([
                "resources": .int(report.resourceCount),
                "rules": .int(report.rules.count),
                "findings": .int(report.findings.count),
                "failing": .int(failing.count),
                "waived": .int(report.waived.count),
                "baselined": .int(report.baselined.count),
                "by_severity": .object(bySeverity),
            ]),
            "findings": .array(report.findings.map { Self.json($0, failing: $0.fails(at: options.failOn), report: report) }),
            "waived": .array(report.waived.map { w in
                var o = Self.json(w.finding, failing: false, report: report).objectValue ?? [:]
                o["waiver"] = .object([
                    "reason": .string(w.waiver.reason), "owner": .string(w.waiver.owner),
                    "expires": .string(w.waiver.expires.description),
                    "declared_at": .string(w.waiver.location.withoutColumn.description),
                ])
                return .object(o)
            }),
            "diagnostics": .array(report.diagnostics.map { .string($0.description) }),
        ])
        return JSONWriter().render(root)
    }

    static func json(_ f: Finding, failing: Bool, report: PolicyReport) -> JSON {
        var o: [String: JSON] = [
            "rule": .string(f.ruleID),
            "severity": .string(f.severity.rawValue),
            "enforcement": .string(f.enforcement.rawValue),
            "address": .string(f.address),
            "message": .string(f.message),
            "remediation": .string(f.remediation),
            "location": location(f.location),
            "fingerprint": .string(f.fingerprint),
            "failing": .bool(failing),
        ]
        if let title = report.rule(f.ruleID)?.title { o["title"] = .string(title) }
        if let env = f.environment { o["environment"] = .string(env) }
        if let construct = f.constructPath { o["construct"] = .string(construct) }
        if let json = f.jsonLocation { o["json_location"] = location(json) }
        return .object(o)
    }

    static func location(_ l: FindingLocation) -> JSON {
        var o: [String: JSON] = ["file": .string(l.file), "line": .int(l.line)]
        if let pointer = l.jsonPointer { o["pointer"] = .string(pointer) }
        if let path = l.path, path != l.file { o["path"] = .string(path) }
        return .object(o)
    }
}
