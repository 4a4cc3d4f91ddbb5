import ArgumentParser
import Foundation
import Paved
import PavedPolicy
import Synchronization

/// `paved synth`: one `main.tf.json` per environment, plus `manifest.json`.
struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Synthesize Terraform JSON for every environment of the platform.",
        discussion: """
            Writes <out>/<env>/main.tf.json per environment and <out>/manifest.json. Nothing is written \
            when the platform has errors; each file is replaced atomically, and files Terraform keeps \
            beside them (.terraform/, .terraform.lock.hcl) are left alone.
            Before writing, the output is validated against the provider schemas and checked against the \
            policy packs (built-in, the project's policies/, $PAVED_POLICIES): a schema error or an unwaived \
            hard-mandatory finding stops synth with exit 1 and nothing written. Other findings are printed.
            With --check, nothing is written: the command lists the files whose content would change and \
            exits 1 when any would (drift detection for CI).
            """)

    @Option(name: .long, help: "Output folder.")
    var out: String = "out"

    @Option(name: .long, help: "Write only this environment's stack (all are still synthesized and checked).")
    var env: String?

    @Flag(name: .long, help: "Write nothing; exit 1 when the output on disk differs from what synth would write.")
    var check = false

    func run() async throws {
        let platform = try PlatformContext.require(command: "synth")
        let result: SynthPipeline.Result
        do {
            result = try SynthPipeline.synthesize(platform, only: env)
        } catch SynthPipeline.SynthError.invalidOutput(let diagnostics) {
            Console.printError(diagnostics.map(\.description).joined(separator: "\n"))
            let errors = diagnostics.count { $0.severity == .error }
            Console.printError("synth refused: \(errors) schema error\(errors == 1 ? "" : "s") in the synthesized Terraform; nothing was written")
            throw ExitCode(ExitCodes.findings)
        }
        defer { PavedCLI.leaveToExit(result) }
        for warning in result.warnings { Console.printError(warning.description) }
        try SynthPipeline.report(result.gate)
        let writer = OutputWriter(root: URL(fileURLWithPath: out))
        if check {
            let drift = try writer.drift(result.files, stackPaths: result.stackPaths)
            if drift.isEmpty {
                Console.print("No drift: \(out) matches the platform (\(result.files.count) files).")
                return
            }
            Console.print("Drift: \(drift.count) file\(drift.count == 1 ? "" : "s") in \(out) differ from the platform:")
            for d in drift { Console.print("  \(d)") }
            Console.print("Run `synth` to update them.")
            throw ExitCode(ExitCodes.findings)
        }
        try writer.write(result.files, stackPaths: result.stackPaths)
        Console.print(result.summary(out: out))
    }
}

/// Synthesis as the CLI runs it: synthesize, stop on errors, render, validate against the provider
/// schemas, and return the files to write.
enum SynthPipeline {
    enum SynthError: Error {
        /// The rendered Terraform does not match the provider schemas.
        case invalidOutput([Diagnostic])
    }

    static func bundledSchemas() throws -> ProviderSchemas {
        do {
            return try ProviderSchemas.bundled()
        } catch {
            throw CLIError("the bundled provider schemas cannot be read: \(error)")
        }
    }

    struct Result {
        var files: [(path: String, bytes: [UInt8])]
        /// Every stack path of the platform; stack files an older manifest lists beyond these are stale.
        var stackPaths: Set<String>
        var warnings: [Diagnostic]
        var synthesis: Synthesis
        /// The policy gate over every stack, run while the stacks were rendered and validated.
        var gate: PolicyGate.Result

        func summary(out: String) -> String {
            var lines = ["Synthesized platform \(synthesis.platform) into \(out)/"]
            for stack in synthesis.stacks where files.contains(where: { $0.path == stack.path }) {
                let data = stack.configuration.resources.count { $0.address.mode == .data }
                let managed = stack.configuration.resources.count - data
                lines.append("  \(stack.environment.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(managed) resources, \(data) data sources  →  \(out)/\(stack.path)")
            }
            lines.append("  manifest  →  \(out)/manifest.json")
            return lines.joined(separator: "\n")
        }
    }

    /// Prints the policy gate's findings, and stops on unwaived hard-mandatory ones.
    static func report(_ result: PolicyGate.Result) throws {
        for message in result.messages { Console.printError(message) }
        if result.blocked {
            Console.printError("synth refused: fix or waive the findings above; nothing was written")
            throw ExitCode(ExitCodes.findings)
        }
    }

    static func synthesize(_ platform: Platform, only env: String?) throws -> Result {
        if let env, !platform.environments.contains(where: { $0.name.rawValue == env }) {
            let names = platform.environments.map(\.name.rawValue).joined(separator: ", ")
            throw CLIError("unknown environment '\(env)'; platform '\(platform.name)' declares: \(names)")
        }
        let synthesis = Synthesizer().synthesize(platform)
        if synthesis.diagnostics.hasErrors { throw DiagnosticsError(synthesis.diagnostics) }
        let renderer = TerraformRenderer()
        let validator = try SchemaValidator(schemas: bundledSchemas())
        let gate = try PolicyGate.standard()  // a malformed rule file is a DiagnosticsError: exit 2
        // Every stack is rendered and validated, written or not: a platform is valid as a whole.
        // Each stack's JSON tree (what the renderer writes) is built once: the schema validation
        // checks it without parsing the text back, and the policy gate reads it, on a thread of
        // its own meanwhile. Stacks go one after another, each rendered and validated on every
        // core (work split inside an outer split of the cores would run on one). (The gate's
        // result is reported only when the output is schema-valid.)
        let stacks = synthesis.stacks
        let trees = Parallel.map(stacks.count) { renderer.json(stacks[$0].configuration) }
        let gateRun = Mutex<PolicyGate.Result?>(nil)
        let gateDone = DispatchGroup()
        DispatchQueue.global().async(group: gateDone) {
            let result = gate.check(stacks: stacks.indices.map {
                PolicyGate.Stack(
                    environment: stacks[$0].environment.rawValue, path: stacks[$0].path, configuration: stacks[$0].configuration,
                    json: trees[$0])
            })
            gateRun.withLock { $0 = result }
        }
        var files: [(path: String, bytes: [UInt8])] = []
        var invalid: [Diagnostic] = []
        for (stack, tree) in zip(stacks, trees) {
            let bytes = renderer.renderBytes(stack.configuration)
            invalid += validator.validate(rendered: tree, text: bytes, file: stack.path)
            if env == nil || stack.environment.rawValue == env { files.append((stack.path, bytes)) }
        }
        gateDone.wait()
        let gateResult = gateRun.withLock { $0 }
        if invalid.hasErrors {
            throw SynthError.invalidOutput(invalid)
        }
        files.append(("manifest.json", Array(Manifest(platform: platform.name, stacks: synthesis.stacks).render().utf8)))
        guard let gateResult else { throw CLIError("internal error: the policy gate did not run; please report this Paved bug") }
        PavedCLI.leaveToExit(trees)
        return Result(
            files: files, stackPaths: Set(synthesis.stacks.map(\.path)), warnings: synthesis.diagnostics.filter { $0.severity != .error },
            synthesis: synthesis, gate: gateResult)
    }
}
