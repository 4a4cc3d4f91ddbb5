import ArgumentParser
import Foundation
import PavedTerraform

/// `paved validate [PATH...] [--schemas DIR] [--format text|json]`: checks Terraform JSON against
/// provider schemas.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check Terraform JSON (*.tf.json) against provider schemas.",
        discussion: """
            Each directory holding *.tf.json files is one module, as in Terraform: references resolve \
            across its files. A directory argument is searched below for such directories (so `out` \
            finds out/dev and out/prod); files given by name are grouped by their directory.
            Checks unknown resource types, attributes and blocks; missing required attributes and \
            blocks; too many blocks; literal values of the wrong type; references to undeclared \
            resources or to attributes a type lacks; and providers missing from required_providers or \
            declared with another source.
            Uses the schemas bundled with Paved (the types its constructs use, and every provider's \
            configuration block) unless --schemas names a file or directory of \
            `terraform providers schema -json` output.
            Exit codes: 0 no errors; 1 errors found; 2 usage or input error (unreadable path, malformed \
            JSON, malformed schema file).
            """)

    @Argument(help: "Files or directories to validate (default: out).")
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "A `terraform providers schema -json` file, or a directory of them, to use instead of the bundled schemas.",
        valueName: "DIR"))
    var schemas: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: ValidateOutputFormat = .text

    func run() async throws {
        var paths = self.paths
        if paths.isEmpty {
            guard FileManager.default.fileExists(atPath: "out") else {
                Console.printError("error: no PATH given and ./out does not exist; run `synth` first or name the files to validate")
                throw ExitCode(ExitCodes.inputError)
            }
            paths = ["out"]
        }

        let providerSchemas: ProviderSchemas
        do throws(SchemaLoadError) {
            if let schemas {
                providerSchemas = try ProviderSchemas.load(path: schemas)
            } else {
                providerSchemas = try ProviderSchemas.bundled()
            }
        } catch {
            Console.printError(error.description)
            throw ExitCode(ExitCodes.inputError)
        }

        let modules: [TerraformModuleFiles]
        do {
            modules = try ModuleDiscovery.modules(for: paths)
        } catch {
            Console.printError(error.description)
            throw ExitCode(ExitCodes.inputError)
        }

        let validator = SchemaValidator(schemas: providerSchemas)
        var findings: [ValidationFinding] = []
        var inputErrors: [Diagnostic] = []
        var fileCount = 0
        for module in modules {
            var documents: [JSONDocument] = []
            for file in module.files {
                do {
                    documents.append(try JSONDocument.load(contentsOfFile: file))
                } catch let error as JSONParseError {
                    inputErrors.append(error.diagnostic)
                } catch let error as JSONFileError {
                    inputErrors.append(error.diagnostic)
                } catch {
                    inputErrors.append(.error("cannot read file: \(error)", at: SourceLocation(file: file, line: 1)))
                }
            }
            fileCount += module.files.count
            // A module with a malformed file is not validated: its references would not resolve.
            if documents.count == module.files.count {
                findings += validator.findings(module: documents)
            }
        }

        let report = ValidateReport(
            findings: findings, inputErrors: inputErrors, files: fileCount, modules: modules.count,
            schemas: schemas == nil ? "bundled schemas" : schemas ?? "")
        switch format {
        case .text:
            for error in inputErrors { Console.printError(error.description) }
            let text = report.text()
            if !text.isEmpty { Console.print(text) }
        case .json:
            var text = report.json()
            text.removeLast()  // Console.print adds the final newline.
            Console.print(text)
        }
        if !inputErrors.isEmpty { throw ExitCode(ExitCodes.inputError) }
        if report.errorCount > 0 { throw ExitCode(ExitCodes.findings) }
    }
}

/// `--format` of `paved validate`.
enum ValidateOutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// What `paved validate` prints.
struct ValidateReport {
    var findings: [ValidationFinding]
    var inputErrors: [Diagnostic]
    var files: Int
    var modules: Int
    var schemas: String

    var errorCount: Int { findings.count { $0.diagnostic.severity == .error } }
    var warningCount: Int { findings.count { $0.diagnostic.severity == .warning } }

    /// One `file:line: error: message (at /pointer)` line per finding, each followed by its notes,
    /// then a summary.
    func text() -> String {
        var lines: [String] = []
        for finding in findings {
            lines.append(finding.diagnostic.description)
            lines += finding.notes.map(\.description)
        }
        lines.append(summary())
        return lines.joined(separator: "\n")
    }

    func summary() -> String {
        let checked = "\(files) file\(files == 1 ? "" : "s") in \(modules) module\(modules == 1 ? "" : "s"), with \(schemas)"
        if !inputErrors.isEmpty {
            let n = inputErrors.count
            let unreadable = "\(n) of \(files) file\(files == 1 ? "" : "s") could not be read or parsed"
            let rest = errorCount == 0 ? "" : "; \(errorCount) error\(errorCount == 1 ? "" : "s") in the other modules"
            return "\(unreadable)\(rest) (\(modules) module\(modules == 1 ? "" : "s"), with \(schemas))."
        }
        if errorCount == 0, warningCount == 0 { return "No problems in \(checked)." }
        var parts = ["\(errorCount) error\(errorCount == 1 ? "" : "s")"]
        if warningCount > 0 { parts.append("\(warningCount) warning\(warningCount == 1 ? "" : "s")") }
        return parts.joined(separator: ", ") + " in \(checked)."
    }

    /// `{"diagnostics": [...], "summary": {...}}`, deterministic.
    func json() -> String {
        func encode(_ d: Diagnostic) -> [String: JSON] {
            var object: [String: JSON] = ["severity": .string(d.severity.rawValue), "message": .string(d.message)]
            if let location = d.location {
                object["file"] = .string(location.file)
                object["line"] = .int(location.line)
                if let column = location.column { object["column"] = .int(column) }
            }
            if let pointer = d.jsonPointer { object["pointer"] = .string(pointer) }
            return object
        }
        var diagnostics: [JSON] = inputErrors.map { .object(encode($0)) }
        for finding in findings {
            var object = encode(finding.diagnostic)
            if !finding.notes.isEmpty { object["notes"] = .array(finding.notes.map { .object(encode($0)) }) }
            diagnostics.append(.object(object))
        }
        let summary: [String: JSON] = [
            "errors": .int(errorCount + inputErrors.count), "warnings": .int(warningCount),
            "files": .int(files), "modules": .int(modules), "schemas": .string(schemas),
        ]
        return JSONWriter().render(.object(["diagnostics": .array(diagnostics), "summary": .object(summary)]))
    }
}
