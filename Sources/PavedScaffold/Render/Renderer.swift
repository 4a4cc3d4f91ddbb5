import Foundation
import Mustache

/// One file of a rendered tree.
public struct RenderedFile: Equatable, Sendable {
    /// The path inside the new repository, `/`-separated, checked to stay inside it.
    public var path: String
    /// The bytes.
    public var contents: [UInt8]
    /// Whether the file is executable (mode 100755).
    public var executable: Bool

    /// Creates a rendered file.
    public init(path: String, contents: [UInt8], executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }
}

/// Renders a template with resolved answers into an in-memory file tree.
///
/// Templates are Mustache (swift-mustache) with HTML escaping off: `{{name}}` writes the value as
/// it is. A variable that is neither a parameter, a derived value nor a built-in is an error (not
/// an empty string). TemplateParameter values are data: a value containing `{{` is written literally,
/// never evaluated. File names are rendered the same way, and every rendered path is checked to
/// stay inside the target folder.
public enum TemplateRenderer {
    /// The pragma prepended to every template so nothing is HTML-escaped. It stands alone on an
    /// extra first line (which Mustache removes), so a template's own first line can still be a
    /// standalone tag such as a set-delimiter tag.
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    /// Renders `template` with `answers`.
    ///
    /// - Returns: The files sorted by path, including `.paved/answers.yml`.
    /// - Throws: `ScaffoldError` listing every problem (syntax errors, missing variables, unsafe
    ///   or duplicate paths, secrets that would be written).
    public static func render(_ template: TemplateSource, answers: ResolvedAnswers) throws(ScaffoldError) -> [RenderedFile] {
        let manifest = template.manifest
        var problems: [ScaffoldDiagnostic] = []
        let context = makeContext(manifest: manifest, answers: answers)
        var output: [RenderedFile] = []
        var origins: [String: String] = [:]

        for file in template.files {
            let display = "\(template.displayPath)/files/\(file.path)"
            let included = manifest.files.conditional.allSatisfy { rule in
                !rule.path.matches(file.path) || rule.when.evaluate(answers.values)
            }
            guard included else { continue }

            // The path: each segment may hold Mustache tags.
            let path: String
            switch renderText(file.path, context: context, secrets: answers.secrets, file: display) {
            case .success(let rendered): path = rendered
            case .failure(let diagnostics):
                problems.append(contentsOf: diagnostics)
                continue
            }
            if let problem = PathSafety.problem(with: path) {
                problems.append(ScaffoldDiagnostic(file: display, "the file name renders to \"\(path)\", which \(problem)"))
                continue
            }
            if path == RecordedAnswers.path || path.hasPrefix(".paved/") {
                problems.append(ScaffoldDiagnostic(file: display, "templates may not write into .paved/ (Paved records the answers there)"))
                continue
            }
            if let other = origins[path] {
                problems.append(ScaffoldDiagnostic(file: display, "renders to \"\(path)\", which \(other) also renders to"))
                continue
            }
            origins[path] = display

            let executable = file.executable || manifest.files.executable.contains { $0.matches(file.path) }
            if manifest.files.verbatim.contains(where: { $0.matches(file.path) }) {
                output.append(RenderedFile(path: path, contents: file.contents, executable: executable))
                continue
            }
            guard let text = String(validating: file.contents, as: UTF8.self) else {
                problems.append(ScaffoldDiagnostic(file: display, "not UTF-8 text; list it under files.verbatim to copy it as is"))
                continue
            }
            switch renderText(text, context: context, secrets: answers.secrets, file: display) {
            case .success(let rendered):
                output.append(RenderedFile(path: path, contents: Array(rendered.utf8), executable: executable))
            case .failure(let diagnostics):
                problems.append(contentsOf: diagnostics)
            }
        }
        guard problems.isEmpty else { throw ScaffoldError(.invalidInput, problems) }

        let record = RecordedAnswers(template: manifest.name, version: manifest.version, answers: answers.recordable)
        output.append(RenderedFile(path: RecordedAnswers.path, contents: Array(record.yaml.utf8)))
        return output.sorted { $0.path < $1.path }
    }

    /// The values a template can use: parameters, `<choice>_is.<value>` flags, derived values and
    /// `template.name` / `template.version`.
    static func makeContext(manifest: TemplateManifest, answers: ResolvedAnswers) -> [String: Any] {
        var values: [String: Any] = [:]
        for (name, value) in answers.values where !answers.secrets.contains(name) {
            values[name] = value.mustacheValue
        }
        for parameter in manifest.parameters {
            guard let value = answers.values[parameter.name], !answers.secrets.contains(parameter.name) else { continue }
            var flags: [String: Any] = [:]
            switch parameter.type {
            case .choice:
                for choice in parameter.choices { flags[choice] = (value == .string(choice)) }
            case .integer:
                if let min = parameter.min, let max = parameter.max, max - min < 1000 {
                    for i in min...max { flags[String(i)] = (value == .integer(i)) }
                }
            default:
                continue
            }
            values["\(parameter.name)_is"] = flags
        }
        for derived in manifest.derived {
            if let source = answers.values[derived.from], let value = derived.map[ParameterRules.key(source)] {
                values[derived.name] = value.mustacheValue
            }
        }
        values["template"] = ["name": manifest.name, "version": manifest.version.description]
        return values
    }

    private enum Outcome {
        case success(String)
        case failure([ScaffoldDiagnostic])
    }

    private static func renderText(_ text: String, context: [String: Any], secrets: Set<String>, file: String) -> Outcome {
        // Fast path: nothing to render.
        if !text.contains("{{") { return .success(text) }
        // Partials would silently render as nothing (there is no partial library).
        if let range = text.range(of: #"\{\{\s*>"#, options: .regularExpression) {
            let line = text[..<range.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
            return .failure([ScaffoldDiagnostic(file: file, line: line, "partials ({{> name}}) are not supported")])
        }
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let line = max(1, error.context.lineNumber - 1)
            return .failure([
                ScaffoldDiagnostic(
                    file: file, line: line, column: error.context.columnNumber, "template syntax: \(describe(error.error))")
            ])
        } catch {
            return .failure([ScaffoldDiagnostic(file: file, "template syntax: \(error)")])
        }
        let recorder = LookupRecorder()
        let root = StrictContext(values: wrap(context, prefix: "", recorder: recorder), secrets: secrets, recorder: recorder)
        let rendered = template.render(root)
        var problems: [ScaffoldDiagnostic] = []
        var reported: Set<String> = []
        for name in recorder.missing where reported.insert(name).inserted {
            problems.append(
                ScaffoldDiagnostic(
                    file: file, line: line(of: name, in: text),
                    "the template uses '\(name)', which is not a parameter, a derived value or a built-in"))
        }
        for name in recorder.unknownTransforms where reported.insert("transform:" + name).inserted {
            problems.append(
                ScaffoldDiagnostic(
                    file: file, line: line(of: name + "(", in: text),
                    "unknown transform '\(name)' (available: \(TextValue.transforms.joined(separator: ", ")))"))
        }
        for name in recorder.secretsUsed where reported.insert("secret:" + name).inserted {
            problems.append(
                ScaffoldDiagnostic(
                    file: file, line: line(of: name, in: text),
                    "the template writes the secret parameter '\(name)'; secret values are never written into files"))
        }
        return problems.isEmpty ? .success(rendered) : .failure(problems)
    }

    /// Wraps nested mappings so misses inside them are recorded too, and text so it can be
    /// transformed.
    private static func wrap(_ values: [String: Any], prefix: String, recorder: LookupRecorder) -> [String: Any] {
        var out: [String: Any] = [:]
        for (key, value) in values {
            if let text = value as? String {
                out[key] = TextValue(text: text, recorder: recorder)
            } else if let items = value as? [String] {
                out[key] = items.map { TextValue(text: $0, recorder: recorder) }
            } else if let nested = value as? [String: Any] {
                out[key] = StrictContext(values: wrap(nested, prefix: "\(prefix)\(key).", recorder: recorder), prefix: "\(prefix)\(key).", recorder: recorder)
            } else {
                out[key] = value
            }
        }
        return out
    }

    /// The first line mentioning `name` (for pointing at a missing variable).
    static func line(of name: String, in text: String) -> Int? {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        var lineNumber = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains(last) { return lineNumber }
            lineNumber += 1
        }
        return nil
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "invalid pragma tag"
        default: return "\(error)"
        }
    }
}

/// Checks that a rendered path stays inside the target folder.
public enum PathSafety {
    /// Why `path` is not safe to write inside a target folder, or `nil` when it is.
    public static func problem(with path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path.hasPrefix("/") { return "is an absolute path" }
        if path.contains("\\") { return "contains a backslash" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { return "contains a control character" }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "has an empty path segment" }
            if segment == "." || segment == ".." { return "escapes the target folder ('\(segment)')" }
            if segment.lowercased() == ".git" { return "writes into the repository's .git folder" }
        }
        return nil
    }
}
