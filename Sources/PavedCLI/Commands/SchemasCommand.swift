import ArgumentParser
import Foundation
import PavedTerraform

/// `paved schemas`: the provider schemas Paved bundles.
struct SchemasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "Show or regenerate the provider schemas bundled with Paved.",
        subcommands: [SchemasTrimCommand.self, SchemasListCommand.self],
        defaultSubcommand: SchemasListCommand.self)
}

/// `paved schemas list`: the bundled providers and types.
struct SchemasListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the bundled providers, resource types and data source types.")

    func run() async throws {
        let schemas: ProviderSchemas
        do {
            schemas = try ProviderSchemas.bundled()
        } catch {
            Console.printError(error.description)
            throw ExitCode(ExitCodes.inputError)
        }
        var lines: [String] = []
        for source in schemas.sources {
            guard let provider = schemas.providers[source] else { continue }
            lines.append(source)
            for type in provider.resourceSchemas.keys.sorted() { lines.append("  resource \(type)") }
            for type in provider.dataSourceSchemas.keys.sorted() { lines.append("  data     \(type)") }
        }
        Console.print(lines.joined(separator: "\n"))
    }
}

/// `paved schemas trim`: regenerates the bundle (or trims a team's own schemas).
struct SchemasTrimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trim",
        abstract: "Trim `terraform providers schema -json` files to a list of types.",
        discussion: """
            Reads FROM/<file>.json for every provider file the types list names, and keeps each \
            file's provider blocks and only the listed resource and data source types.
            --out FILE.swift writes the Swift source Paved embeds (this is how the bundle is \
            regenerated: `make schemas`); --out DIR writes one trimmed <file>.json per provider file, \
            usable with `paved validate --schemas DIR`.
            The types list has one FILE:resource:TYPE, FILE:data:TYPE or FILE:provider per line; \
            without --types-file, the list Paved bundles is used.
            With --check nothing is written; exit 1 when the output would change.
            """)

    @Option(name: .long, help: ArgumentHelp("The directory of provider schema files.", valueName: "DIR"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The types list (default: the list Paved bundles).", valueName: "FILE"))
    var typesFile: String?

    @Option(name: .long, help: ArgumentHelp("A .swift file to write, or a directory for trimmed .json files.", valueName: "PATH"))
    var out: String

    @Flag(name: .long, help: "Write nothing; exit 1 when the output differs from what is on disk.")
    var check = false

    func run() async throws {
        let files: [(path: String, bytes: [UInt8])]
        do {
            let selection: [SchemaSelection]
            if let typesFile {
                guard let data = FileManager.default.contents(atPath: typesFile) else {
                    Console.printError("\(typesFile): error: cannot read file")
                    throw ExitCode(ExitCodes.inputError)
                }
                selection = try SchemaSelection.parseList(String(decoding: data, as: UTF8.self), file: typesFile)
            } else {
                selection = try BundledSchemas.selection()
            }
            let documents = try SchemaTrimmer.trim(directory: from, selection: selection)
            if out.hasSuffix(".swift") {
                files = [(out, Array(SchemaTrimmer.swiftSource(documents).utf8))]
            } else {
                files = documents.map { ((out as NSString).appendingPathComponent($0.name), JSONWriter().bytes($0.json)) }
            }
        } catch let error as SchemaLoadError {
            Console.printError(error.description)
            throw ExitCode(ExitCodes.inputError)
        }

        if check {
            let changed = files.filter { FileManager.default.contents(atPath: $0.path).map(Array.init) != $0.bytes }
            if changed.isEmpty {
                Console.print("Up to date: \(files.map(\.path).joined(separator: ", "))")
                return
            }
            for file in changed { Console.print("\(file.path): would change") }
            Console.print("Run `paved schemas trim` without --check (or `make schemas`) to update.")
            throw ExitCode(ExitCodes.findings)
        }
        for file in files {
            do {
                let url = URL(fileURLWithPath: file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .atomic)
            } catch {
                Console.printError("\(file.path): error: cannot write file: \(error.localizedDescription)")
                throw ExitCode(ExitCodes.inputError)
            }
            Console.print("Wrote \(file.path) (\(file.bytes.count) bytes)")
        }
    }
}
