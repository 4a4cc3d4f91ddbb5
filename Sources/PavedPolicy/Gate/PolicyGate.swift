import Foundation
import PavedTerraform

/// What `paved synth` runs before writing: the policy check of the synthesized stacks, in memory.
///
///     let gate = try PolicyGate.standard()
///     let result = gate.check(stacks: synthesis.stacks.map {
///         PolicyGate.Stack(environment: $0.environment.rawValue, path: $0.path, configuration: $0.configuration)
///     })
///     for line in result.messages { print(line) }
///     if result.blocked { exit(1) }          // an unwaived hard-mandatory finding
public struct PolicyGate: Sendable {
    /// One synthesized stack.
    public struct Stack: Sendable {
        public var environment: String
        /// Where synth writes it, relative to the output folder (`dev/main.tf.json`).
        public var path: String
        public var configuration: Configuration
        /// The configuration as `TerraformRenderer().json(configuration)` gives it, when the caller
        /// has built it already (synth validates the same tree); nil to build it here.
        public var json: JSON?

        public init(environment: String, path: String, configuration: Configuration, json: JSON? = nil) {
            self.environment = environment
            self.path = path
            self.configuration = configuration
            self.json = json
        }
    }

    /// The outcome.
    public struct Result: Sendable {
        public var report: PolicyReport
        /// True when an unwaived hard-mandatory finding remains, or the check had input errors
        /// (an unknown rule in a DSL waiver, a malformed waiver): synth must not write.
        public var blocked: Bool
        /// Lines to print: each finding (compiler style), waived counts, and a summary.
        public var messages: [String]
    }

    public var rules: RuleSet
    /// Waivers from a waivers file, besides those declared in the DSL.
    public var waivers: [Waiver]
    public var today: CivilDate
    /// Where Swift paths are made relative to, for annotations (default: the current directory).
    public var sourceRoot: String?

    public init(rules: RuleSet, waivers: [Waiver] = [], today: CivilDate = .today(), sourceRoot: String? = nil) {
        self.rules = rules
        self.waivers = waivers
        self.today = today
        self.sourceRoot = sourceRoot
    }

    /// The gate with the built-in packs and the project's rule directories (see ``PolicyDiscovery``).
    ///
    /// - Throws: ``DiagnosticsError`` when a rule file is malformed (each problem at its file:line).
    public static func standard() throws(DiagnosticsError) -> PolicyGate {
        PolicyGate(rules: try PolicyDiscovery.ruleSet())
    }

    /// Checks synthesized stacks.
    public func check(stacks: [Stack]) -> Result {
        var builder = PolicyInputBuilder()
        for stack in stacks {
            builder.addConfiguration(
                stack.configuration, name: stack.path, environment: stack.environment, relativeTo: sourceRoot, json: stack.json)
        }
        let report = PolicyEngine(rules: rules).evaluate(builder.build(), options: EvaluationOptions(today: today, waivers: waivers))
        var messages = report.diagnostics.map(\.description)
        let hard = report.findings.filter { $0.enforcement == .hardMandatory }
        for f in report.findings {
            messages.append("\(f.location): \(f.enforcement == .hardMandatory ? "error" : "warning"): [\(f.ruleID)] \(f.subject): \(f.message)")
        }
        var summary = "policy: \(report.findings.count.counted("finding"))"
        if !hard.isEmpty { summary += ", \(hard.count) hard-mandatory (synth stops; fix or waive them)" }
        if !report.waived.isEmpty { summary += ", \(report.waived.count) waived" }
        messages.append(summary)
        return Result(report: report, blocked: !hard.isEmpty || report.diagnostics.hasErrors, messages: messages)
    }
}
