import ArgumentParser
import Foundation
import Paved

/// `paved modules`: Paved's constructs as Terraform modules, for teams on plain Terraform.
struct ModulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modules",
        abstract: "Export Paved's constructs as Terraform modules for plain-Terraform teams.",
        subcommands: [ModulesExportCommand.self])
}

/// `paved modules export`: writes `modules/<construct>/` for the main constructs.
struct ModulesExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a Terraform module per main construct (S3 bucket, secret, Snowflake warehouse, BigQuery dataset, Redshift Serverless).",
        discussion: """
            Each module is the construct's own lowering, with its name, tags or labels and key settings \
            as input variables that carry the DSL's rules as validation blocks: <out>/<module>/main.tf.json \
            (required providers pinned, no backend, no provider configuration), variables.tf.json, \
            outputs.tf.json and README.md (inputs and outputs), and <out>/README.md, an index. \
            Every module is validated against the bundled provider schemas before anything is written; \
            each file is replaced atomically. Other files in the folder are left alone.
            With --check, nothing is written: the command lists the files whose content would change and \
            exits 1 when any would (drift detection for CI).
            Exit codes: 0 ok; 1 drift (--check) or a module that does not match the provider schemas; \
            2 usage error or an unwritable folder.
            """)

    @Option(name: .long, help: ArgumentHelp("The folder to write the modules to.", valueName: "DIR"))
    var out: String = "modules"

    @Flag(name: .long, help: "Write nothing; exit 1 when the folder differs from what would be exported.")
    var check = false

    func run() async throws {
        let export: ModuleExport
        do {
            export = try ModuleExporter().export()
        } catch {
            throw CLIError("cannot export the modules: \(error.description)")
        }
        let validator = try SchemaValidator(schemas: SynthPipeline.bundledSchemas())
        var invalid: [Diagnostic] = []
        for module in export.modules {
            var documents: [JSONDocument] = []
            for file in module.files {
                do {
                    documents.append(try JSONDocument(parsing: file.bytes, file: "\(out)/\(file.path)"))
                } catch {
                    throw CLIError("the exported \(file.path) is not JSON: \(error)")
                }
            }
            invalid += validator.validate(module: documents)
        }
        if invalid.hasErrors {
            Console.printError(invalid.map(\.description).joined(separator: "\n"))
            Console.printError("modules export refused: the modules do not match the provider schemas; nothing was written")
            throw ExitCode(ExitCodes.findings)
        }

        let writer = OutputWriter(root: URL(fileURLWithPath: out))
        if check {
            let drift = try writer.drift(export.files, stackPaths: [])
            if drift.isEmpty {
                Console.print("No drift: \(out) matches the exported modules (\(export.files.count) files).")
                return
            }
            Console.print("Drift: \(drift.count) file\(drift.count == 1 ? "" : "s") in \(out) differ from the exported modules:")
            for d in drift { Console.print("  \(d)") }
            Console.print("Run `paved modules export` (or `make modules`) to update them.")
            throw ExitCode(ExitCodes.findings)
        }
        try writer.write(export.files, stackPaths: [])
        var lines = ["Exported \(export.modules.count) modules into \(out)/"]
        for module in export.modules {
            lines.append("  \(module.directory.padding(toLength: 20, withPad: " ", startingAt: 0)) →  \(out)/\(module.directory)/")
        }
        lines.append("  index                →  \(out)/README.md")
        Console.print(lines.joined(separator: "\n"))
    }
}
