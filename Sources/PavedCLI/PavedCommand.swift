import ArgumentParser
import Paved

/// `paved`: synthesize, validate and check data-platform infrastructure, and scaffold pipelines.
struct PavedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paved",
        abstract: "Typed data-platform infrastructure: synthesize Terraform, check policy, scaffold pipelines.",
        discussion: """
            Exit codes: 0 ok; 1 findings, drift or conflicts; 2 usage or input error.
            """,
        version: Manifest.pavedVersion,
        subcommands: [
            SynthCommand.self, CheckCommand.self, ValidateCommand.self, PoliciesCommand.self, PolicyCommand.self,
            SchemasCommand.self, BindingsCommand.self, ScaffoldCommand.self, TemplatesCommand.self, ModulesCommand.self,
        ]
    )
}
