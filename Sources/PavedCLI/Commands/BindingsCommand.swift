import ArgumentParser
import Foundation
import PavedTerraform

/// `paved bindings`: typed Swift bindings generated from provider schemas.
struct BindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bindings",
        abstract: "Generate typed Swift bindings for Terraform resource and data source types.",
        subcommands: [BindingsGenerateCommand.self],
        defaultSubcommand: BindingsGenerateCommand.self)
}

/// `paved bindings generate`: one Swift file per selected type.
struct BindingsGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write one Swift file per resource or data source type, from provider schemas.",
        discussion: """
            Each file declares a struct named after the type (aws_s3_bucket → AWSS3Bucket, \
            data.aws_iam_policy_document → DataAWSIAMPolicyDocument) with the type's arguments as \
            typed properties, its nested blocks as nested structs, and a Ref with typed references \
            to every attribute. Files start with "\(BindingsGenerator.header)" and are the same \
            bytes on every run.
            Name data sources as Terraform addresses them: data.TYPE. --types takes a comma-separated \
            list and may be repeated; --all takes every resource and data source type of the schemas.
            Uses the schemas bundled with Paved (the types its constructs use) unless --schemas names \
            a `terraform providers schema -json` file or a directory of them.
            The output folder belongs to the generator: files it generated earlier (they start with \
            the line above) for types no longer selected are removed; other files are left alone. \
            Only files whose content changes are rewritten.
            With --check nothing is written; exit 1 when any file would change or be removed.
            Exit codes: 0 ok; 1 drift (--check); 2 usage or input error (unknown type, unreadable \
            or malformed schema, unwritable folder).
            """)

    @Option(name: [.customLong("schemas"), .customLong("schema")], help: ArgumentHelp(
        "A `terraform providers schema -json` file, or a directory of them (default: the bundled schemas).",
        valueName: "PATH"))
    var schemas: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Types to generate, comma-separated: aws_s3_bucket,data.aws_iam_policy_document.", valueName: "LIST"))
    var types: [String] = []

    @Flag(name: .long, help: "Generate every resource and data source type of the schemas.")
    var all = false

    @Option(name: .long, help: ArgumentHelp("The folder to write the Swift files to.", valueName: "DIR"))
    var out: String

    @Flag(name: .long, help: "Write nothing; exit 1 when the folder differs from what would be generated.")
    var check = false

    func validate() throws {
        if all, !types.isEmpty { throw ValidationError("give either --types or --all, not both") }
        if !all, types.isEmpty { throw ValidationError("name the types to generate with --types, or use --all") }
    }

    func run() async throws {
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

        let generator = BindingsGenerator(schemas: providerSchemas)
        let files: [GeneratedBindingFile]
        do throws(BindingsError) {
            let selections = all
                ? generator.allSelections()
                : try generator.selections(named: types.flatMap { $0.split(separator: ",").map(String.init) })
            if selections.isEmpty { throw BindingsError(["the schemas have no resource or data source types"]) }
            files = try generator.generate(selections)
        } catch {
            Console.printError(error.description)
            throw ExitCode(ExitCodes.inputError)
        }

        let plan: BindingsOutputPlan
        do throws(BindingsError) {
            plan = try BindingsOutputPlan(directory: out, files: files)
        } catch {
            Console.printError(error.description)
            throw ExitCode(ExitCodes.inputError)
        }
        if check {
            if plan.isUpToDate {
                Console.print("Up to date: \(files.count) binding\(files.count == 1 ? "" : "s") in \(out).")
                return
            }
            for name in plan.changed { Console.print("\(out)/\(name): would change") }
            for name in plan.stale { Console.print("\(out)/\(name): would be removed (type no longer selected)") }
            Console.print("Run `paved bindings generate` without --check to update them.")
            throw ExitCode(ExitCodes.findings)
        }
        do throws(BindingsError) {
            try plan.apply()
        } catch {
            Console.printError(error.description)
            throw ExitCode(ExitCodes.inputError)
        }
        let unchanged = files.count - plan.changed.count
        Console.print(
            "Generated \(files.count) binding\(files.count == 1 ? "" : "s") in \(out): \(plan.changed.count) written, "
                + "\(unchanged) unchanged, \(plan.stale.count) removed.")
    }
}
