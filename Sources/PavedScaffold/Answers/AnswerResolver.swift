import Foundation

/// The checked values of a template's active parameters.
public struct ResolvedAnswers: Equatable, Sendable {
    /// Values by parameter name (active parameters with a value only).
    public var values: [String: AnswerValue]
    /// Active parameter names in manifest order.
    public var order: [String]
    /// Names of secret parameters (never recorded, never written).
    public var secrets: Set<String>

    /// Creates resolved answers.
    public init(values: [String: AnswerValue], order: [String], secrets: Set<String> = []) {
        self.values = values
        self.order = order
        self.secrets = secrets
    }

    /// The non-secret answers in manifest order, as recorded in `.paved/answers.yml`.
    public var recordable: [(String, AnswerValue)] {
        order.compactMap { name in
            guard !secrets.contains(name), let value = values[name] else { return nil }
            return (name, value)
        }
    }
}

/// Checks given answers against a manifest and fills in defaults.
public enum AnswerResolver {
    /// Checks `given` against `manifest`'s parameters: types, required, pattern, choices, min,
    /// max and `when`; later answers override earlier ones (pass file answers before flags).
    ///
    /// - Throws: `ScaffoldError` listing every problem, each naming the parameter and the rule.
    public static func resolve(_ given: [GivenAnswer], for manifest: TemplateManifest) throws(ScaffoldError)
        -> ResolvedAnswers
    {
        var problems: [ScaffoldDiagnostic] = []
        var latest: [String: GivenAnswer] = [:]
        let names = manifest.parameters.map(\.name)
        for answer in given {
            if manifest.parameter(named: answer.name) == nil {
                var message = "unknown parameter '\(answer.name)'"
                if let suggestion = closest(to: answer.name, in: names) {
                    message += " (did you mean '\(suggestion)'?)"
                } else if !names.isEmpty {
                    message += " (\(manifest.name) has: \(names.joined(separator: ", ")))"
                }
                problems.append(ScaffoldDiagnostic(file: answer.file, line: answer.line, message))
                continue
            }
            latest[answer.name] = answer
        }

        var values: [String: AnswerValue] = [:]
        var order: [String] = []
        var secrets: Set<String> = []
        for parameter in manifest.parameters {
            let prefix = "parameter '\(parameter.name)': "
            let answer = latest[parameter.name]
            if let when = parameter.when, !when.evaluate(values) {
                if let answer {
                    problems.append(
                        ScaffoldDiagnostic(
                            file: answer.file, line: answer.line, prefix + "given, but it applies only when \(when)"))
                }
                continue
            }
            order.append(parameter.name)
            if parameter.secret { secrets.insert(parameter.name) }
            if let answer {
                switch convert(answer.raw, to: parameter) {
                case .success(let value):
                    let violations = ParameterRules.violations(of: value, for: parameter)
                    for message in violations {
                        problems.append(ScaffoldDiagnostic(file: answer.file, line: answer.line, message))
                    }
                    if violations.isEmpty { values[parameter.name] = value }
                case .failure(let message):
                    problems.append(ScaffoldDiagnostic(file: answer.file, line: answer.line, prefix + message))
                }
            } else if let value = parameter.defaultValue {
                values[parameter.name] = value
            } else if parameter.required {
                problems.append(ScaffoldDiagnostic(prefix + "required, but no value was given and it has no default"))
            } else {
                switch parameter.type {
                case .string: values[parameter.name] = .string("")
                case .list: values[parameter.name] = .list([])
                case .boolean: values[parameter.name] = .boolean(false)
                case .integer, .choice: break
                }
            }
        }
        guard problems.isEmpty else { throw ScaffoldError(.invalidInput, problems) }
        return ResolvedAnswers(values: values, order: order, secrets: secrets)
    }

    private enum Conversion {
        case success(AnswerValue)
        case failure(String)
    }

    private static func convert(_ raw: GivenAnswer.Raw, to parameter: TemplateParameter) -> Conversion {
        let shown: (String) -> String = { parameter.secret ? "a value" : "\"\($0)\"" }
        switch (parameter.type, raw) {
        case (.string, .text(let s)), (.choice, .text(let s)), (.string, .scalar(let s, _)), (.choice, .scalar(let s, _)):
            return .success(.string(s))
        case (.integer, .text(let s)), (.integer, .scalar(let s, true)):
            guard let i = Int(s.trimmingCharacters(in: .whitespaces)) else {
                return .failure("expected an integer, got \(shown(s))")
            }
            return .success(.integer(i))
        case (.integer, .scalar(let s, false)):
            return .failure("expected an integer, got the quoted string \(shown(s))")
        case (.boolean, .text(let s)), (.boolean, .scalar(let s, true)):
            switch s.lowercased() {
            case "true", "yes", "on", "1": return .success(.boolean(true))
            case "false", "no", "off", "0": return .success(.boolean(false))
            default: return .failure("expected true or false, got \(shown(s))")
            }
        case (.boolean, .scalar(let s, false)):
            return .failure("expected true or false, got the quoted string \(shown(s))")
        case (.list, .text(let s)):
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .success(.list([])) }
            return .success(.list(trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }))
        case (.list, .list(let items)):
            return .success(.list(items))
        case (.list, .scalar(let s, _)):
            return .failure("expected a list, got \(shown(s))")
        case (_, .list):
            return .failure("expected \(article(parameter.type)), got a list")
        case (_, .unsupported(let what)):
            return .failure("expected \(article(parameter.type)), got \(what)")
        }
    }

    private static func article(_ type: ParameterType) -> String {
        switch type {
        case .integer: return "an integer"
        case .boolean: return "true or false"
        case .list: return "a list"
        case .choice: return "one of the choices"
        case .string: return "a string"
        }
    }

    /// The name closest to `name` by edit distance, when close enough to be a typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(Array(name), Array(candidate))
            if d <= max(1, candidate.count / 3), d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Edit distance counting a swap of two neighbouring characters as one edit.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
