import ArgumentParser
import Foundation
import Paved
import PavedPolicy

/// `paved check [PATH...]`: evaluates the policy packs and reports findings.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check infrastructure against the policy packs and report findings.",
        discussion: """
            Checks Terraform JSON files (*.tf.json; a directory is searched below for them, each \
            directory being one root module) and Terraform plans (`terraform show -json PLANFILE`). \
            With no PATH, checks the platform's synthesized stacks in memory when this executable \
            embeds a platform (findings then point at your Swift lines), else ./out.
            Rules: the built-in packs, then the project's rule directory (the nearest policies/ folder \
            upward, or $PAVED_POLICIES; set it empty to skip), then each --policies DIR. A rule file \
            with the id of an earlier rule replaces it.
            Waivers: declared beside resources in the DSL, and in --waivers FILE. An expired waiver \
            waives nothing and is reported as PAVED-WAIVER-EXPIRED.
            Exit codes: 0 no failing finding; 1 a finding fails the check (hard-mandatory, or \
            soft-mandatory at or above --fail-on; advisory findings never fail); 2 usage or input error \
            (unreadable path, malformed JSON, rule, waiver or baseline file, unknown rule in a waiver).
            """)

    @Argument(help: "Terraform JSON files or directories, or plan JSON files (default: the platform's stacks, else out).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, sarif, junit, github or markdown.")
    var format: CheckOutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Fail on soft-mandatory findings at or above: critical, high, medium, low or info.")
    var failOn: FailOnSeverity = .high

    @Option(name: .customLong("policies"), help: ArgumentHelp("More rule files (repeatable).", valueName: "DIR"))
    var policies: [String] = []

    @Option(name: .long, help: ArgumentHelp("A waivers file (YAML).", valueName: "FILE"))
    var waivers: String?

    @Option(name: .long, help: ArgumentHelp("Report only findings that are not in this baseline.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record today's findings in FILE (and exit 0).", valueName: "FILE"))
    var writeBaseline: String?

    @Option(name: .long, help: .hidden)
    var today: String?

    func run() async throws {
        let today = try resolvedToday()
        let rules = try PolicyDiscovery.ruleSet(extra: policies)
        let waiverList = try waivers.map { path in try WaiverFile.parse(try Self.read(path), file: path) } ?? []
        let baselineFile = try baseline.map { path in try Baseline.parse(try Self.read(path), file: path) }

        let input = try loadInput()
        defer { PavedCLI.leaveToExit(input) }
        var report = PolicyEngine(rules: rules).evaluate(
            input, options: EvaluationOptions(today: today, waivers: waiverList, baseline: baselineFile))
        if (report.findings + report.waived.map(\.finding)).contains(where: { $0.location.isSwift && $0.location.path == nil }) {
            // Editors and annotations need repository paths; synthesized JSON on disk records only #fileID.
            report = report.resolvingSwiftPaths(with: SwiftSourceIndex())
        }
        if report.diagnostics.hasErrors { throw DiagnosticsError(report.diagnostics) }
        for warning in report.diagnostics { Console.printError(warning.description) }

        let options = ReportOptions(failOn: failOn.severity, toolVersion: Manifest.pavedVersion)
        let text = Reporter.render(report, format: format.reportFormat, options: options)
        if let output {
            try Self.write(text, to: output)
            Console.printError(Reporter.render(report, format: .text, options: options).split(separator: "\n").last.map(String.init) ?? "")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        if let writeBaseline {
            let accepted = (report.findings + report.baselined).filter { $0.ruleID != RuleMetadata.expiredWaiver.id }
            try Self.write(Baseline(findings: accepted).render(), to: writeBaseline)
            Console.printError("Wrote \(accepted.count) finding\(accepted.count == 1 ? "" : "s") to the baseline \(writeBaseline); `paved check --baseline \(writeBaseline)` reports only new ones.")
            return
        }
        if !report.failing(at: failOn.severity).isEmpty { throw ExitCode(ExitCodes.findings) }
    }

    /// The resources to check: the paths, else the embedded platform's stacks, else ./out.
    private func loadInput() throws -> PolicyInput {
        var builder = PolicyInputBuilder()
        if !paths.isEmpty {
            builder.addPaths(paths)
        } else if let platform = PlatformContext.current {
            let synthesis = Synthesizer().synthesize(platform)
            PavedCLI.leaveToExit(synthesis)
            if synthesis.diagnostics.hasErrors { throw DiagnosticsError(synthesis.diagnostics) }
            for stack in synthesis.stacks {
                builder.addConfiguration(stack.configuration, name: stack.path, environment: stack.environment.rawValue)
            }
        } else if FileManager.default.fileExists(atPath: "out") {
            builder.addPaths(["out"])
        } else {
            throw CLIError("nothing to check: name Terraform JSON files or directories, run `synth` first (./out), or run `check` from your platform's executable")
        }
        let input = builder.build()
        if input.diagnostics.hasErrors { throw DiagnosticsError(input.diagnostics) }
        return input
    }

    private func resolvedToday() throws -> CivilDate {
        guard let today else { return .today() }
        guard let date = CivilDate(parsing: today) else { throw CLIError("--today '\(today)' is not a date (YYYY-MM-DD)") }
        return date
    }

    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CLIError("\(path): no such file")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIError("\(path): cannot read the file (unreadable or not UTF-8)")
        }
        return text
    }

    /// Writes `text` to `path`: a regular file (or a new one) is replaced atomically (a temporary
    /// file renamed into place), through any symlink; a device or pipe (`/dev/stdout`, `/dev/null`,
    /// a FIFO) is written in place, never replaced by a regular file.
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        do {
            let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if type == nil || type == .typeRegular {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } else {
                guard let handle = FileHandle(forWritingAtPath: url.path) else {
                    throw CLIError("cannot write \(path): it cannot be opened for writing")
                }
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(text.utf8))
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("cannot write \(path): \(OutputWriter.describe(error))")
        }
    }
}

/// `--format` of `check`.
enum CheckOutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, sarif, junit, github, markdown

    var reportFormat: ReportFormat { ReportFormat(rawValue: rawValue) ?? .text }
}

/// `--fail-on` of `check`.
enum FailOnSeverity: String, CaseIterable, ExpressibleByArgument {
    case critical, high, medium, low, info

    var severity: Severity { Severity(rawValue: rawValue) ?? .high }
}
