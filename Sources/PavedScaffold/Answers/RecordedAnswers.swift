import Foundation
import Yams

/// What `.paved/answers.yml` records in a scaffolded repository: the template, its version and
/// the (non-secret) answers. `paved scaffold update` reads it to render the same template again.
public struct RecordedAnswers: Equatable, Sendable {
    /// The path inside the repository.
    public static let path = ".paved/answers.yml"

    /// The template name.
    public var template: String
    /// The template version the repository is on.
    public var version: SemanticVersion
    /// The answers, in manifest order.
    public var answers: [(String, AnswerValue)]

    /// Creates a record.
    public init(template: String, version: SemanticVersion, answers: [(String, AnswerValue)]) {
        self.template = template
        self.version = version
        self.answers = answers
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.template == rhs.template && lhs.version == rhs.version
            && lhs.answers.map(\.0) == rhs.answers.map(\.0) && lhs.answers.map(\.1) == rhs.answers.map(\.1)
    }

    /// The file's text: stable order, every string double-quoted.
    public var yaml: String {
        var out = """
            # Recorded by `paved scaffold`; read by `paved scaffold update`. Do not edit: change an answer
            # with `paved scaffold update . --set name=value`, which merges the re-rendered files.
            template: \(Self.quote(template))
            version: \(Self.quote(version.description))
            answers:
            """
        out += answers.isEmpty ? " {}\n" : "\n"
        for (name, value) in answers {
            switch value {
            case .string(let s): out += "  \(name): \(Self.quote(s))\n"
            case .integer(let i): out += "  \(name): \(i)\n"
            case .boolean(let b): out += "  \(name): \(b ? "true" : "false")\n"
            case .list(let items):
                if items.isEmpty {
                    out += "  \(name): []\n"
                } else {
                    out += "  \(name):\n"
                    for item in items { out += "    - \(Self.quote(item))\n" }
                }
            }
        }
        return out
    }

    /// Reads a recorded answers file.
    public static func parse(_ text: String, file: String) throws(ScaffoldError) -> (RecordedAnswers, [GivenAnswer]) {
        var doc = YAMLDocument(file: file)
        guard let root = doc.compose(text) else { throw ScaffoldError(.invalidInput, doc.diagnostics) }
        guard case .mapping(let mapping) = root else {
            throw ScaffoldError(.invalidInput, file: file, line: root.mark?.line, "expected a mapping with template, version and answers")
        }
        guard let templateNode = mapping["template"], case .scalar(let template) = templateNode else {
            throw ScaffoldError(.invalidInput, file: file, "missing 'template'")
        }
        guard let versionNode = mapping["version"], case .scalar(let versionText) = versionNode,
            let version = SemanticVersion(versionText.string)
        else {
            throw ScaffoldError(.invalidInput, file: file, line: mapping["version"]?.mark?.line, "missing or invalid 'version'")
        }
        let given = try GivenAnswer.fromFile(text, file: file)
        return (RecordedAnswers(template: template.string, version: version, answers: []), given)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
