import ArgumentParser
import Foundation
import PavedScaffold

/// `paved templates list` and `paved templates show NAME`.
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the golden-path templates and show their parameters.",
        subcommands: [TemplatesListCommand.self, TemplatesShowCommand.self]
    )
}

struct TemplatesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the templates with their current version and description.")

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: $PAVED_TEMPLATES, else golden-path-templates/ upward).", valueName: "dir"))
    var templates: String?

    func run() async throws {
        try ScaffoldCLI.guarded {
            let library = try ScaffoldCLI.library(templates)
            let names = try library.templateNames()
            if names.isEmpty {
                print("No templates in \(library.root).")
                return
            }
            var problems: [ScaffoldDiagnostic] = []
            var rows: [(String, String, String, String)] = []
            for name in names {
                do {
                    let source = try library.load(name)
                    let versions = try library.versions(of: name).map(\.description).joined(separator: ", ")
                    let summary = TemplateDescription.summary(source.manifest)
                    rows.append((name, source.manifest.version.description, versions, summary))
                } catch let error as ScaffoldError {
                    problems += error.diagnostics
                }
            }
            let width = max(8, rows.map(\.0.count).max() ?? 0)
            print("NAME".padding(toLength: width, withPad: " ", startingAt: 0) + "  VERSION  DESCRIPTION")
            for row in rows {
                print(row.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.1.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + row.3)
            }
            if !problems.isEmpty { throw ScaffoldError(.invalidInput, problems) }
        }
    }
}

struct TemplatesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a template's parameters: types, defaults and rules.")

    @Argument(help: "The template name.")
    var name: String

    @Option(name: .long, help: ArgumentHelp("Show this version instead of the current one.", valueName: "version"))
    var version: String?

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: $PAVED_TEMPLATES, else golden-path-templates/ upward).", valueName: "dir"))
    var templates: String?

    func run() async throws {
        try ScaffoldCLI.guarded {
            let library = try ScaffoldCLI.library(templates)
            var wanted: SemanticVersion?
            if let version {
                guard let parsed = SemanticVersion(version) else {
                    throw ScaffoldError(.invalidInput, "--version \(version): not a version MAJOR.MINOR.PATCH")
                }
                wanted = parsed
            }
            let source = try library.load(name, version: wanted)
            let versions = try library.versions(of: name)
            print(TemplateDescription.render(source.manifest, versions: versions))
        }
    }
}
