import ArgumentParser
import Foundation
import PavedPolicy

/// `paved policy test [DIR]`: runs rule fixtures.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Work on policy rules.",
        subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run rule fixtures: passing inputs must give no finding, violating inputs exactly the expected ones.",
            discussion: """
                Fixtures are Terraform JSON configurations or plans under DIR/**/tests/<RULE-ID>/passing/ \
                and DIR/**/tests/<RULE-ID>/violating/. A violating fixture lists its expected findings in \
                its root comment: {"//": {"expect": [{"address": "...", "line": 12, "message": "..."}]}}. \
                Each fixture is checked against its rule only. The rules are the built-in packs with \
                DIR's rule files over them.
                Exit codes: 0 every fixture passed; 1 a fixture failed; 2 no fixtures, or a malformed rule file.
                """)

        @Argument(help: "The rule directory (default: the project's policies/ folder, or $PAVED_POLICIES).")
        var directory: String?

        @Flag(name: .long, help: "List every fixture, not only the failures.")
        var verbose = false

        @Option(name: .long, help: .hidden)
        var today: String?

        func run() async throws {
            guard let directory = directory ?? PolicyDiscovery.projectDirectories().first else {
                throw CLIError("no rule directory: name one (`paved policy test policies`) or run inside a project with a policies/ folder")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError("\(directory): no such directory")
            }
            let rules = try RuleSet.builtin().overriding(with: try RuleSet.load(directory: directory))
            let fixtures = PolicyTestRunner.discover(under: directory)
            guard !fixtures.isEmpty else {
                throw CLIError("no fixtures under \(directory): add \(directory)/<pack>/tests/<RULE-ID>/passing/*.tf.json and violating/*.tf.json")
            }
            var date = CivilDate.today()
            if let today {
                guard let parsed = CivilDate(parsing: today) else { throw CLIError("--today '\(today)' is not a date (YYYY-MM-DD)") }
                date = parsed
            }
            // Only the rules with fixtures here are reported as missing some (built-ins tested elsewhere are not).
            let tested = Set(fixtures.map(\.ruleID))
            var result = PolicyTestRunner(rules: rules, today: date).run(fixtures)
            result.rulesMissingFixtures = result.rulesMissingFixtures.filter { tested.contains($0.id) || isDeclared($0.id, in: directory, rules: rules) }
            FileHandle.standardOutput.write(Data(result.render(verbose: verbose).utf8))
            if !result.passed { throw ExitCode(ExitCodes.findings) }
        }

        private func isDeclared(_ id: String, in directory: String, rules: RuleSet) -> Bool {
            guard let file = rules.rule(id: id)?.metadata.source?.file else { return false }
            let prefix = PolicyTestRunnerPaths.display(directory)
            return file.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/")
        }
    }
}

/// Paths as the rule loader displays them.
enum PolicyTestRunnerPaths {
    static func display(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }
}
