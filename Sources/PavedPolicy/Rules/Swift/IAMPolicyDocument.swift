import PavedTerraform

/// An IAM policy statement, read from an `aws_iam_policy_document` data source or from policy JSON.
struct IAMStatement {
    var sid: String?
    /// Position in its document (0-based), for messages without a sid.
    var index: Int
    var allows: Bool
    var actions: [String]
    var usesNotAction: Bool
    var resources: [String]
    /// Principals as (type, identifier); `("*", "*")` for `"Principal": "*"`.
    var principals: [(type: String, identifier: String)]
    var hasCondition: Bool
    /// Pointer tokens of the statement within the resource body (for data sources), else of the attribute.
    var pointer: [String]

    /// `statement 'AdminAll'` or `statement 2`.
    var label: String { sid.map { "statement '\($0)'" } ?? "statement \(index + 1)" }

    /// True when any principal is everyone: `*`, `{"AWS": "*"}`.
    var isOpenToAnyPrincipal: Bool {
        principals.contains { ($0.type == "*" || $0.type == "AWS") && $0.identifier == "*" }
    }
}

enum IAMPolicyDocument {
    /// The statements of an `aws_iam_policy_document` body.
    static func statements(ofDataSource body: JSON) -> [IAMStatement] {
        var out: [IAMStatement] = []
        for (i, block) in (body["statement"]?.arrayValue ?? (body["statement"].map { [$0] } ?? [])).enumerated() {
            var principals: [(String, String)] = []
            for p in block["principals"]?.arrayValue ?? [] {
                let type = p["type"]?.stringValue ?? ""
                for id in strings(p["identifiers"]) { principals.append((type, id)) }
            }
            let condition = block["condition"]
            out.append(IAMStatement(
                sid: block["sid"]?.stringValue, index: i,
                allows: (block["effect"]?.stringValue ?? "Allow") == "Allow",
                actions: strings(block["actions"]), usesNotAction: !strings(block["not_actions"]).isEmpty,
                resources: strings(block["resources"]), principals: principals,
                hasCondition: condition.map { $0 != .null && $0 != .array([]) } ?? false,
                pointer: ["statement", String(i)]))
        }
        return out
    }

    /// The statements of policy JSON text, or nil when the value is not literal JSON (an
    /// interpolation such as `${data.aws_iam_policy_document.x.json}` or `${jsonencode(…)}`).
    static func statements(ofJSONText text: String, attribute: [String]) -> [IAMStatement]? {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard trimmed.first == "{", !text.contains("${") else { return nil }
        guard let root = try? JSONParser().parse(String(trimmed), file: "<policy>") else { return nil }
        let list: [JSON]
        switch root["Statement"] {
        case .array(let a): list = a
        case .object(let o): list = [.object(o)]
        default: return []
        }
        var out: [IAMStatement] = []
        for (i, s) in list.enumerated() {
            var principals: [(String, String)] = []
            switch s["Principal"] {
            case .string(let star): principals.append(("*", star))
            case .object(let byType):
                for type in byType.keys.sorted() {
                    for id in strings(byType[type]) { principals.append((type, id)) }
                }
            default: break
            }
            out.append(IAMStatement(
                sid: s["Sid"]?.stringValue, index: i, allows: (s["Effect"]?.stringValue ?? "Allow") == "Allow",
                actions: strings(s["Action"]), usesNotAction: s["NotAction"] != nil, resources: strings(s["Resource"]),
                principals: principals, hasCondition: s["Condition"].map { $0 != .object([:]) && $0 != .null } ?? false,
                pointer: attribute))
        }
        return out
    }

    /// A string or a list of strings.
    static func strings(_ value: JSON?) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let a): return a.compactMap(\.stringValue)
        default: return []
        }
    }
}
