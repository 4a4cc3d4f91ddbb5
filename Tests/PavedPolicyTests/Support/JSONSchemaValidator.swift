import Foundation
import PavedTerraform

/// A JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema uses: `$ref` (local),
/// `type`, `enum`, `properties`, `required`, `additionalProperties`, `items`, `minItems`,
/// `uniqueItems`, `minimum`, `maximum`, `pattern`, `format` (uri, uri-reference, date-time),
/// `anyOf` and `oneOf`. Unknown keywords fail loudly so the check cannot silently weaken.
struct JSONSchemaValidator {
    let root: JSON

    static let annotations: Set<String> = ["description", "default", "title", "$schema", "id", "definitions", "deprecated"]
    static let known: Set<String> = [
        "$ref", "type", "enum", "properties", "required", "additionalProperties", "items", "minItems", "uniqueItems",
        "minimum", "maximum", "pattern", "format", "anyOf", "oneOf",
    ]

    /// Every violation, as `pointer: problem`.
    func validate(_ instance: JSON) -> [String] {
        var errors: [String] = []
        validate(instance, against: root, at: "", errors: &errors)
        return errors
    }

    private func resolve(_ ref: String) -> JSON? {
        guard ref.hasPrefix("#") else { return nil }
        guard let tokens = JSONPointer.tokens(String(ref.dropFirst())) else { return nil }
        var current = root
        for token in tokens {
            guard let next = current[token] else { return nil }
            current = next
        }
        return current
    }

    private func validate(_ instance: JSON, against schema: JSON, at pointer: String, errors: inout [String]) {
        guard case .object(let keywords) = schema else {
            errors.append("\(pointer): schema is not an object")
            return
        }
        for key in keywords.keys where !Self.known.contains(key) && !Self.annotations.contains(key) {
            errors.append("\(pointer): the validator does not support the keyword '\(key)'")
        }
        if let ref = keywords["$ref"]?.stringValue {
            guard let target = resolve(ref) else {
                errors.append("\(pointer): unresolvable $ref \(ref)")
                return
            }
            validate(instance, against: target, at: pointer, errors: &errors)
        }
        if let type = keywords["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { Self.matches(instance, type: $0) }) {
                errors.append("\(pointer): expected \(allowed.joined(separator: " or ")), found \(instance.kindName)")
                return
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(instance) {
            errors.append("\(pointer): \(instance) is not one of the allowed values")
        }
        if case .object(let members) = instance {
            let properties = keywords["properties"]?.objectValue ?? [:]
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                errors.append("\(pointer): missing required property '\(name)'")
            }
            for (name, value) in members {
                let child = JSONPointer.appending(name, to: pointer)
                if let propertySchema = properties[name] {
                    validate(value, against: propertySchema, at: child, errors: &errors)
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        errors.append("\(child): property not allowed")
                    } else if case .object = additional {
                        validate(value, against: additional, at: child, errors: &errors)
                    }
                }
            }
        }
        if case .array(let elements) = instance {
            if let minItems = keywords["minItems"]?.numberValue, Double(elements.count) < minItems {
                errors.append("\(pointer): fewer than \(Int(minItems)) items")
            }
            if keywords["uniqueItems"] == .bool(true) {
                for i in elements.indices {
                    for j in elements.indices where j > i && elements[i] == elements[j] {
                        errors.append("\(pointer): items \(i) and \(j) are equal")
                    }
                }
            }
            if let items = keywords["items"] {
                for (i, element) in elements.enumerated() {
                    validate(element, against: items, at: JSONPointer.appending(i, to: pointer), errors: &errors)
                }
            }
        }
        if let number = instance.numberValue {
            if let minimum = keywords["minimum"]?.numberValue, number < minimum { errors.append("\(pointer): \(number) < \(minimum)") }
            if let maximum = keywords["maximum"]?.numberValue, number > maximum { errors.append("\(pointer): \(number) > \(maximum)") }
        }
        if case .string(let text) = instance {
            if let pattern = keywords["pattern"]?.stringValue {
                if let regex = try? NSRegularExpression(pattern: pattern) {
                    if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                        errors.append("\(pointer): '\(text)' does not match \(pattern)")
                    }
                } else {
                    errors.append("\(pointer): unsupported pattern \(pattern)")
                }
            }
            switch keywords["format"]?.stringValue {
            case "uri":
                if URL(string: text)?.scheme == nil { errors.append("\(pointer): '\(text)' is not an absolute URI") }
            case "uri-reference":
                if URL(string: text) == nil || text.contains(" ") { errors.append("\(pointer): '\(text)' is not a URI reference") }
            case "date-time":
                if ISO8601DateFormatter().date(from: text) == nil { errors.append("\(pointer): '\(text)' is not a date-time") }
            case nil: break
            case let other?: errors.append("\(pointer): unsupported format \(other)")
            }
        }
        if let anyOf = keywords["anyOf"]?.arrayValue {
            let ok = anyOf.contains { option in
                var sub: [String] = []
                validate(instance, against: option, at: pointer, errors: &sub)
                return sub.isEmpty
            }
            if !ok { errors.append("\(pointer): matches none of anyOf") }
        }
        if let oneOf = keywords["oneOf"]?.arrayValue {
            let count = oneOf.count { option in
                var sub: [String] = []
                validate(instance, against: option, at: pointer, errors: &sub)
                return sub.isEmpty
            }
            if count != 1 { errors.append("\(pointer): matches \(count) of oneOf (exactly one needed)") }
        }
    }

    static func matches(_ value: JSON, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): return true
        case ("integer", .int): return true
        case ("integer", .double(let d)): return d == d.rounded()
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }
}
