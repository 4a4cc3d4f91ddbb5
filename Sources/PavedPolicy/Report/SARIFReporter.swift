import PavedTerraform

/// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it.
///
/// Results point at the Swift line of the DSL call for synthesized resources (so the annotation
/// lands on the user's code) and at the JSON file and line otherwise. Waived findings are results
/// with an accepted suppression and its justification; rules carry `security-severity` so GitHub
/// ranks them.
struct SARIFReporter {
    let report: PolicyReport
    let options: ReportOptions

    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    func render() -> String {
        let rules = report.rules
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.id] = i }
        var results: [JSON] = report.findings.map { result($0, ruleIndex: ruleIndex, suppression: nil) }
        results += report.waived.map { result($0.finding, ruleIndex: ruleIndex, suppression: $0.waiver) }
        let run: JSON = .object([
            "tool": .object(["driver": .object([
                "name": .string("paved"),
                "semanticVersion": .string(options.toolVersion),
                "informationUri": .string("https://github.com/paved-dev/paved"),
                "rules": .array(rules.map(Self.rule)),
            ])]),
            "columnKind": .string("unicodeCodePoints"),
            "results": .array(results),
        ])
        return JSONWriter().render(.object([
            "$schema": .string(Self.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([run]),
        ]))
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's `security-severity` (0.1–3.9 low, 4–6.9 medium, 7–8.9 high, 9+ critical).
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    static func rule(_ r: RuleMetadata) -> JSON {
        var properties: [String: JSON] = [
            "tags": .array((r.pack == r.service ? [r.pack] : [r.pack, r.service]).map(JSON.string)),
            "severity": .string(r.severity.rawValue),
            "enforcement": .string(r.enforcement.rawValue),
        ]
        if r.severity != .info { properties["security-severity"] = .string(securitySeverity(r.severity)) }
        var help = "\(r.remediation)\n\nWhy: \(r.rationale)"
        if !r.references.isEmpty { help += "\n\nReferences:\n" + r.references.map { "- \($0)" }.joined(separator: "\n") }
        var o: [String: JSON] = [
            "id": .string(r.id),
            "name": .string(pascalName(r.title)),
            "shortDescription": .object(["text": .string(r.title)]),
            "fullDescription": .object(["text": .string(r.rationale)]),
            "help": .object(["text": .string(help), "markdown": .string(help)]),
            "defaultConfiguration": .object(["level": .string(level(r.severity))]),
            "properties": .object(properties),
        ]
        if let first = r.references.first { o["helpUri"] = .string(first) }
        return .object(o)
    }

    /// `S3 buckets block all public access` → `S3BucketsBlockAllPublicAccess`.
    static func pascalName(_ title: String) -> String {
        title.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    func result(_ f: Finding, ruleIndex: [String: Int], suppression: Waiver?) -> JSON {
        var o: [String: JSON] = [
            "ruleId": .string(f.ruleID),
            "level": .string(Self.level(f.severity)),
            "message": .object(["text": .string("\(f.subject): \(f.message)")]),
            "locations": .array([.object([
                "physicalLocation": Self.physical(f.location),
                "logicalLocations": .array([.object([
                    "fullyQualifiedName": .string(f.address), "kind": .string("resource"),
                ])]),
            ])]),
            "partialFingerprints": .object(["pavedFinding/v1": .string(f.fingerprint)]),
        ]
        if let index = ruleIndex[f.ruleID] { o["ruleIndex"] = .int(index) }
        var properties: [String: JSON] = [
            "severity": .string(f.severity.rawValue), "enforcement": .string(f.enforcement.rawValue),
        ]
        if let env = f.environment { properties["environment"] = .string(env) }
        if let construct = f.constructPath { properties["construct"] = .string(construct) }
        o["properties"] = .object(properties)
        if let json = f.jsonLocation {
            o["relatedLocations"] = .array([.object([
                "id": .int(1),
                "physicalLocation": Self.physical(json),
                "message": .object(["text": .string("the synthesized Terraform JSON")]),
            ])])
        }
        if let waiver = suppression {
            o["suppressions"] = .array([.object([
                "kind": .string(waiver.location.file.hasSuffix(".swift") ? "inSource" : "external"),
                "status": .string("accepted"),
                "justification": .string("\(waiver.reason) (owner: \(waiver.owner); expires \(waiver.expires); declared at \(waiver.location.withoutColumn))"),
            ])])
        }
        return .object(o)
    }

    static func physical(_ l: FindingLocation) -> JSON {
        .object([
            "artifactLocation": .object(["uri": .string(uri(l.path ?? l.file))]),
            "region": .object(["startLine": .int(max(1, l.line))]),
        ])
    }

    /// A relative URI reference: path segments percent-encoded where needed, `/` kept.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~/!$&'()*+,;=:@".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
