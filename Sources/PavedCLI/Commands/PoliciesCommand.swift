import ArgumentParser
import Foundation
import PavedPolicy
import PavedTerraform

/// `paved policies list` and `paved policies explain ID`.
struct PoliciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies",
        abstract: "List the policy rules, or explain one.",
        subcommands: [List.self, Explain.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List every rule: id, severity, enforcement, pack, service and title.",
            discussion: "Rules: the built-in packs, the project's policies/ folder (or $PAVED_POLICIES), and each --policies DIR.")

        @Option(name: .customLong("policies"), help: ArgumentHelp("More rule files (repeatable).", valueName: "DIR"))
        var policies: [String] = []

        @Option(name: .long, help: "Output format: text or json.")
        var format: ListFormat = .text

        enum ListFormat: String, CaseIterable, ExpressibleByArgument { case text, json }

        func run() async throws {
            let rules = try PolicyDiscovery.ruleSet(extra: policies).rules.map(\.metadata)
            switch format {
            case .json:
                let list: [JSON] = rules.map { r in
                    .object([
                        "id": .string(r.id), "title": .string(r.title), "severity": .string(r.severity.rawValue),
                        "enforcement": .string(r.enforcement.rawValue), "pack": .string(r.pack), "service": .string(r.service),
                        "source": .string(r.source.map { "\($0.file):\($0.line)" } ?? ""),
                    ])
                }
                FileHandle.standardOutput.write(Data(JSONWriter().render(.array(list)).utf8))
            case .text:
                Console.print(PoliciesCommand.table(rules))
            }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Show a rule: what it checks, why, how to fix it, its references and its source.")

        @Argument(help: "The rule id, such as SEC-S3-001.")
        var id: String

        @Option(name: .customLong("policies"), help: ArgumentHelp("More rule files (repeatable).", valueName: "DIR"))
        var policies: [String] = []

        func run() async throws {
            let rules = try PolicyDiscovery.ruleSet(extra: policies)
            guard let rule = rules.rule(id: id.uppercased()) else {
                let hint = rules.suggestions(for: id.uppercased())
                var message = "no rule '\(id)'"
                if !hint.isEmpty { message += "; did you mean \(hint.joined(separator: " or "))?" }
                throw CLIError(message + " (`paved policies list` lists them)")
            }
            Console.print(PoliciesCommand.explain(rule))
        }
    }

    /// The `list` table, with a count per pack.
    static func table(_ rules: [RuleMetadata]) -> String {
        let rows = rules.map { [$0.id, $0.severity.rawValue, $0.enforcement.rawValue, $0.pack, $0.service, $0.title] }
        let header = ["ID", "SEVERITY", "ENFORCEMENT", "PACK", "SERVICE", "TITLE"]
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < 5 { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i < 5 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : c }
                .joined(separator: "  ")
        }
        var out = [line(header)] + rows.map(line)
        var packs: [String: Int] = [:]
        for r in rules { packs[r.pack, default: 0] += 1 }
        out.append("")
        out.append("\(rules.count) rules: " + packs.keys.sorted().map { "\($0) \(packs[$0] ?? 0)" }.joined(separator: ", "))
        return out.joined(separator: "\n")
    }

    /// The `explain` text.
    static func explain(_ rule: PolicyRule) -> String {
        let m = rule.metadata
        var out = [
            "\(m.id): \(m.title)",
            "",
            "Severity:     \(m.severity)",
            "Enforcement:  \(m.enforcement)",
            "Pack:         \(m.pack) (\(m.service))",
            "Resources:    \(rule.selector)",
            "Evaluated by: \(rule.isSwift ? "Swift (BuiltinSwiftRules)" : "the rule file's condition")",
        ]
        if let source = m.source { out.append("Declared at:  \(source.file):\(source.line)") }
        out += ["", "Why:", wrap(m.rationale), "", "How to fix:", wrap(m.remediation)]
        if !m.references.isEmpty {
            out += ["", "References:"] + m.references.map { "  \($0)" }
        }
        if let text = rule.sourceText {
            out += ["", "Rule file:"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        }
        return out.joined(separator: "\n")
    }

    /// Indents and wraps prose at about 96 columns.
    static func wrap(_ text: String, indent: String = "  ", width: Int = 96) -> String {
        var lines: [String] = []
        var current = indent
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 > width, current != indent {
                lines.append(current)
                current = indent
            }
            current += (current == indent ? "" : " ") + word
        }
        if current != indent { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
