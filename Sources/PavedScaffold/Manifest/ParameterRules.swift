import Foundation

/// Checks a typed value against a parameter's rules (pattern, choices, min, max).
enum ParameterRules {
    /// Every rule `value` breaks, as messages starting with `parameter 'name': `.
    static func violations(of value: AnswerValue, for parameter: TemplateParameter) -> [String] {
        let prefix = "parameter '\(parameter.name)': "
        let shown: (String) -> String = { parameter.secret ? "the secret value" : "\"\($0)\"" }
        var messages: [String] = []
        switch value {
        case .string(let s):
            if parameter.type == .choice {
                if !parameter.choices.contains(s) {
                    messages.append(prefix + "\(shown(s)) is not one of: " + parameter.choices.joined(separator: ", "))
                }
                return messages
            }
            if let pattern = parameter.pattern, !matches(s, pattern) {
                messages.append(prefix + "\(shown(s)) does not match the pattern \(pattern)")
            }
            if let min = parameter.min, s.count < min {
                messages.append(prefix + "\(shown(s)) is shorter than the minimum length \(min)")
            }
            if let max = parameter.max, s.count > max {
                messages.append(prefix + "\(shown(s)) is longer than the maximum length \(max)")
            }
        case .integer(let i):
            if let min = parameter.min, i < min { messages.append(prefix + "\(i) is less than the minimum \(min)") }
            if let max = parameter.max, i > max { messages.append(prefix + "\(i) is greater than the maximum \(max)") }
        case .boolean:
            break
        case .list(let items):
            if let pattern = parameter.pattern {
                for item in items where !matches(item, pattern) {
                    messages.append(prefix + "item \"\(item)\" does not match the pattern \(pattern)")
                }
            }
            if let min = parameter.min, items.count < min {
                messages.append(prefix + "has \(items.count) item\(items.count == 1 ? "" : "s"), fewer than the minimum \(min)")
            }
            if let max = parameter.max, items.count > max {
                messages.append(prefix + "has \(items.count) items, more than the maximum \(max)")
            }
        }
        return messages
    }

    /// Whether `pattern` compiles as a regular expression; the error text otherwise.
    static func patternError(_ pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }

    /// Whether `value` has the shape `type` expects.
    static func fits(_ value: AnswerValue, _ type: ParameterType) -> Bool {
        switch (value, type) {
        case (.string, .string), (.string, .choice), (.integer, .integer), (.boolean, .boolean), (.list, .list): return true
        default: return false
        }
    }

    /// The value as the text used for derived-value tables and `--set`.
    static func key(_ value: AnswerValue) -> String {
        switch value {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items): return items.joined(separator: ",")
        }
    }
}
