/// Turns values and expressions into Terraform's text forms.
///
/// A literal string in JSON syntax is a template, so `${` and `%{` in literal text are escaped as
/// `$${` and `%%{`. Inside an expression, values are written in HCL expression syntax.
enum ExpressionRenderer {
    /// The JSON form of a value.
    static func json(_ value: Value) -> JSON {
        switch value {
        case .string(let s): return .string(escapeTemplate(s))
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .list(let items): return .array(items.map(json))
        case .object(let members):
            var out: [String: JSON] = [:]
            out.reserveCapacity(members.count)
            for (k, v) in members { out[escapeTemplate(k)] = json(v) }
            return .object(out)
        case .expression(let e): return .string("${" + hcl(e) + "}")
        case .template(let parts):
            var s = ""
            for part in parts {
                switch part {
                case .literal(let text): s += escapeTemplate(text)
                case .expression(let e): s += "${" + hcl(e) + "}"
                }
            }
            return .string(s)
        }
    }

    /// Escapes template sequences in literal text: `${` → `$${`, `%{` → `%%{`.
    static func escapeTemplate(_ s: String) -> String {
        let hasBrace = s.withUTF8Bytes { bytes in bytes.contains(UInt8(ascii: "{")) }
        guard hasBrace else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 4)
        var previous: Character?
        for ch in s {
            if ch == "{", let p = previous, p == "$" || p == "%" {
                out.append(p)
            }
            out.append(ch)
            previous = ch
        }
        return out
    }

    /// An expression in HCL syntax, without the surrounding `${ }`.
    static func hcl(_ expression: Expression) -> String {
        switch expression {
        case .reference(let r): return reference(r)
        case .variable(let name): return "var.\(name)"
        case .local(let name): return "local.\(name)"
        case .moduleOutput(let module, let output): return "module.\(module).\(output)"
        case .call(let name, let args): return name + "(" + args.map(hcl).joined(separator: ", ") + ")"
        case .raw(let text): return text
        }
    }

    /// `aws_iam_role.etl.arn`, `data.aws_iam_policy_document.x.json`, `aws_x.y.rule[0].id`.
    static func reference(_ r: Reference) -> String {
        var s = r.address.description
        r.forEachStep { step in
            switch step {
            case .attribute(let name): s += "." + name
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    /// A value in HCL expression syntax.
    static func hcl(_ value: Value) -> String {
        switch value {
        case .string(let s): return hclString(s)
        case .int(let i): return String(i)
        case .double(let d): return JSONWriter.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(hcl).joined(separator: ", ") + "]"
        case .object(let members):
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return "{" + keys.map { "\(hclString($0)) = \(hcl(members[$0] ?? .null))" }.joined(separator: ", ") + "}"
        case .expression(let e): return hcl(e)
        case .template(let parts):
            var s = "\""
            for part in parts {
                switch part {
                case .literal(let text): s += hclStringBody(text)
                case .expression(let e): s += "${" + hcl(e) + "}"
                }
            }
            return s + "\""
        }
    }

    static func hclString(_ s: String) -> String { "\"" + hclStringBody(s) + "\"" }

    private static func hclStringBody(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return escapeTemplate(out)
    }
}
