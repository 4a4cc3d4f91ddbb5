import PavedTerraform

/// One IAM policy statement, read lazily from an `aws_iam_policy_document` block or from policy
/// JSON: nothing is copied until a rule asks.
struct IAMStatement {
    enum Source {
        /// A `statement` block of an `aws_iam_policy_document` data source.
        case block([String: JSON])
        /// A statement of policy JSON (`Effect`, `Action`, `Principal`…).
        case json([String: JSON])
    }

    var source: Source
    var sid: String?
    /// Position in its document (0-based), for messages without a sid.
    var index: Int
    /// Pointer tokens of the statement within the resource body (for data sources), else of the attribute.
    var pointer: [String]

    init(_ source: Source, index: Int, pointer: [String]) {
        self.source = source
        self.index = index
        self.pointer = pointer
        switch source {
        case .block(let o): sid = o["sid"]?.stringValue
        case .json(let o): sid = o["Sid"]?.stringValue
        }
    }

    /// `statement 'AdminAll'` or `statement 2`.
    var label: String { sid.map { "statement '\($0)'" } ?? "statement \(index + 1)" }

    var allows: Bool {
        switch source {
        case .block(let o): return (o["effect"]?.stringValue ?? "Allow") == "Allow"
        case .json(let o): return (o["Effect"]?.stringValue ?? "Allow") == "Allow"
        }
    }

    private var actionsValue: JSON? {
        switch source {
        case .block(let o): o["actions"]
        case .json(let o): o["Action"]
        }
    }

    var usesNotAction: Bool {
        switch source {
        case .block(let o): return !IAMPolicyDocument.strings(o["not_actions"]).isEmpty
        case .json(let o): return o["NotAction"] != nil
        }
    }

    /// True when some action satisfies `test`.
    func hasAction(where test: (String) -> Bool) -> Bool {
        IAMPolicyDocument.anyString(actionsValue, where: test)
    }

    /// The actions satisfying `test`, sorted.
    func actions(where test: (String) -> Bool) -> [String] {
        IAMPolicyDocument.strings(actionsValue).filter(test).sorted()
    }

    /// True when a resource is `*`.
    var coversEveryResource: Bool {
        switch source {
        case .block(let o): return IAMPolicyDocument.anyString(o["resources"]) { $0 == "*" }
        case .json(let o): return IAMPolicyDocument.anyString(o["Resource"]) { $0 == "*" }
        }
    }

    /// True when any principal is everyone: `"Principal": "*"`, `{"AWS": "*"}`, or a principals block
    /// of type `AWS` or `*` with identifier `*`.
    var isOpenToAnyPrincipal: Bool {
        switch source {
        case .block(let o):
            for p in o["principals"]?.arrayValue ?? [] {
                let type = p["type"]?.stringValue ?? ""
                if type == "AWS" || type == "*", IAMPolicyDocument.anyString(p["identifiers"], where: { $0 == "*" }) { return true }
            }
            return false
        case .json(let o):
            switch o["Principal"] {
            case .string(let star): return star == "*"
            case .object(let byType): return IAMPolicyDocument.anyString(byType["AWS"]) { $0 == "*" }
            default: return false
            }
        }
    }

    var hasCondition: Bool {
        switch source {
        case .block(let o):
            if case .array(let a) = o["condition"] ?? .null { return !a.isEmpty }
            return o["condition"].map { $0 != .null } ?? false
        case .json(let o):
            switch o["Condition"] {
            case .none, .null?: return false
            case .object(let m)?: return !m.isEmpty
            default: return true
            }
        }
    }
}

enum IAMPolicyDocument {
    /// The statements of an `aws_iam_policy_document` body.
    static func statements(ofDataSource body: JSON) -> [IAMStatement] {
        let blocks: [JSON]
        switch body["statement"] {
        case .array(let a): blocks = a
        case .object(let o): blocks = [.object(o)]
        default: return []
        }
        var out: [IAMStatement] = []
        out.reserveCapacity(blocks.count)
        for (i, block) in blocks.enumerated() {
            guard case .object(let o) = block else { continue }
            out.append(IAMStatement(.block(o), index: i, pointer: ["statement", String(i)]))
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
            guard case .object(let o) = s else { continue }
            out.append(IAMStatement(.json(o), index: i, pointer: attribute))
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

    /// True when the string, or a string of the list, satisfies `test`.
    static func anyString(_ value: JSON?, where test: (String) -> Bool) -> Bool {
        switch value {
        case .string(let s): return test(s)
        case .array(let a):
            for case .string(let s) in a where test(s) { return true }
            return false
        default: return false
        }
    }
}
