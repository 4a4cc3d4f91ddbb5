import Foundation
import PavedTerraform

/// Options of one evaluation.
public struct EvaluationOptions: Sendable {
    /// The date waivers expire against. Inject it in tests; the CLI uses today in UTC.
    public var today: CivilDate
    /// Waivers from a waivers file (DSL waivers come with the resources).
    public var waivers: [Waiver]
    /// Findings to leave out because they were accepted when the baseline was written.
    public var baseline: Baseline?

    public init(today: CivilDate = .today(), waivers: [Waiver] = [], baseline: Baseline? = nil) {
        self.today = today
        self.waivers = waivers
        self.baseline = baseline
    }
}

/// Evaluates rules over an input: every rule visits only the resources its selector picks (by
/// type), and connection conditions use indexes built once, so time grows linearly with resources.
///
///     let engine = PolicyEngine(rules: try RuleSet.builtin())
///     let report = engine.evaluate(input, options: EvaluationOptions(today: CivilDate(parsing: "2026-01-15")!))
public struct PolicyEngine: Sendable {
    public var rules: RuleSet

    public init(rules: RuleSet) { self.rules = rules }

    /// The violations of every rule, before waivers and baselines, in rule then input order.
    ///
    /// Rules are spread over the machine's cores (each worker with its own indexes); the result
    /// does not depend on how: it is assembled in rule order.
    public func findings(in input: PolicyInput) -> [Finding] {
        let rules = self.rules.rules
        let selected = rules.map { input.indices(for: $0.selector) }
        let cores = Int(ProcessInfo.processInfo.environment["PAVED_POLICY_THREADS"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(cores, rules.count, 8))
        // Greedy balance by the number of resources each rule visits.
        var plan = [[Int]](repeating: [], count: workers)
        var load = [Int](repeating: 0, count: workers)
        for r in rules.indices.sorted(by: { selected[$0].count > selected[$1].count }) {
            let w = load.indices.min { load[$0] < load[$1] } ?? 0
            plan[w].append(r)
            load[w] += selected[r].count + 1
        }
        let results = ResultSlots(count: rules.count)
        let assignments = plan
        let work: @Sendable (Int) -> Void = { w in
            let indexes = EvaluationIndexes(input: input)
            var locator = Locator(input: input)
            for r in assignments[w] {
                results.store(r, evaluate(rules[r], over: selected[r], input: input, indexes: indexes, locator: &locator))
            }
        }
        if workers == 1 || input.resources.count < 2_000 {
            for w in 0..<workers { work(w) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return results.joined()
    }

    private func evaluate(
        _ rule: PolicyRule, over indices: [Int], input: PolicyInput, indexes: EvaluationIndexes, locator: inout Locator
    ) -> [Finding] {
        let evaluator = ConditionEvaluator(indexes: indexes)
        let context = RuleContext(indexes: indexes)
        var out: [Finding] = []
        for i in indices {
            let resource = input.resources[i]
            switch rule.body {
            case .declarative(let whereCondition, let require, let message):
                if let whereCondition, !evaluator.holds(whereCondition, resource, resource.attributes) { continue }
                if evaluator.holds(require, resource, resource.attributes) { continue }
                let blame = evaluator.blame(require, resource, resource.attributes, base: []) ?? []
                out.append(finding(rule.metadata, resource, message: message, attribute: blame, locator: &locator))
            case .swift(let implementation):
                for violation in implementation.evaluate(resource, context) {
                    out.append(finding(rule.metadata, resource, message: violation.message, attribute: violation.attribute, locator: &locator))
                }
            }
        }
        return out
    }

    private func finding(
        _ rule: RuleMetadata, _ resource: PolicyResource, message: String, attribute: [String], locator: inout Locator
    ) -> Finding {
        let json = locator.location(of: resource, attribute: attribute)
        var primary = json
        var secondary: FindingLocation?
        if let swift = resource.swiftSource {
            primary = FindingLocation(file: swift.file, line: swift.line, path: swift.filePath)
            secondary = locator.input.documents[resource.document].isFile ? json : nil
        }
        return Finding(
            ruleID: rule.id, severity: rule.severity, enforcement: rule.enforcement, address: resource.address,
            message: message, remediation: rule.remediation, location: primary, jsonLocation: secondary,
            constructPath: resource.constructPath, environment: resource.environment)
    }

    /// Problems with waivers: rule ids no rule has.
    public func validate(_ waivers: [Waiver]) -> [Diagnostic] {
        let ids = rules.rules.map(\.metadata.id)
        let known = Set(ids)
        var out: [Diagnostic] = []
        var reported: Set<String> = []
        for waiver in waivers where !known.contains(waiver.ruleID) {
            let key = "\(waiver.location)|\(waiver.ruleID)"
            guard reported.insert(key).inserted else { continue }
            out.append(.error(
                "waiver names unknown rule '\(waiver.ruleID)'\(Suggestions.hint(Suggestions.closest(to: waiver.ruleID, in: ids)))",
                at: waiver.location))
        }
        return out
    }

    /// Evaluates every rule, applies waivers (DSL and file) and the baseline, and sorts the result.
    public func evaluate(_ input: PolicyInput, options: EvaluationOptions = EvaluationOptions()) -> PolicyReport {
        let raw = findings(in: input)

        // Waivers: the file's, then each resource's own (one copy per declaration, not per stack).
        var waivers = options.waivers
        var seen: Set<Waiver> = Set(waivers)
        for resource in input.resources {
            for waiver in resource.waivers where seen.insert(waiver).inserted { waivers.append(waiver) }
        }
        var diagnostics = input.diagnostics + validate(waivers)
        let active = waivers.filter { !$0.isExpired(on: options.today) }
        let expired = waivers.filter { $0.isExpired(on: options.today) }

        var open: [Finding] = []
        var waived: [WaivedFinding] = []
        var used: Set<Int> = []
        for finding in raw {
            if let index = active.firstIndex(where: { $0.covers(finding) }) {
                waived.append(WaivedFinding(finding: finding, waiver: active[index]))
                used.insert(index)
            } else {
                open.append(finding)
            }
        }

        // An expired waiver is itself a finding, at the waiver's declaration.
        var expiredSeen: Set<String> = []
        for waiver in expired {
            let key = "\(waiver.ruleID)|\(waiver.scope)|\(waiver.location)|\(waiver.expires)"
            guard expiredSeen.insert(key).inserted else { continue }
            let rule = RuleMetadata.expiredWaiver
            open.append(Finding(
                ruleID: rule.id, severity: rule.severity, enforcement: rule.enforcement, address: waiver.scope.description,
                message: "waiver for \(waiver.ruleID) expired on \(waiver.expires) (owner: \(waiver.owner)); it no longer waives anything",
                remediation: rule.remediation,
                location: FindingLocation(file: waiver.location.file, line: waiver.location.line, path: waiver.location.filePath),
                environment: waiver.environment))
        }
        // A DSL waiver is copied onto every resource of its construct: it is unused only when no copy
        // of that declaration (same rule, same line) waived anything. One warning per declaration.
        let known = Set(rules.rules.map(\.metadata.id))
        func declaration(_ w: Waiver) -> String { "\(w.ruleID)|\(w.location)" }
        let usedDeclarations = Set(used.map { declaration(active[$0]) })
        var warned: Set<String> = []
        let unused = active.enumerated().filter {
            !used.contains($0.offset) && known.contains($0.element.ruleID) && !usedDeclarations.contains(declaration($0.element))
                && warned.insert(declaration($0.element)).inserted
        }.map(\.element)
        for waiver in unused {
            diagnostics.append(.warning(
                "waiver for \(waiver.ruleID) on \(waiver.scope) matched no finding; remove it if the finding is fixed",
                at: waiver.location))
        }

        var baselined: [Finding] = []
        if let baseline = options.baseline {
            let accepted = baseline.fingerprints
            baselined = open.filter { accepted.contains($0.fingerprint) }
            open.removeAll { accepted.contains($0.fingerprint) }
        }

        var ruleList = rules.rules.map(\.metadata)
        if open.contains(where: { $0.ruleID == RuleMetadata.expiredWaiver.id }) { ruleList.append(.expiredWaiver) }
        return PolicyReport(
            findings: open.sorted(by: Finding.reportOrder),
            waived: waived.sorted { Finding.reportOrder($0.finding, $1.finding) },
            baselined: baselined.sorted(by: Finding.reportOrder),
            unusedWaivers: unused,
            rules: ruleList.sorted { $0.id < $1.id },
            resourceCount: input.resources.count,
            documents: input.documentNames,
            diagnostics: diagnostics)
    }
}

/// Finds lines for pointers, rendering in-memory stacks (as `paved synth` would write them) once,
/// only when a finding there has no Swift location.
struct Locator {
    let input: PolicyInput
    private var rendered: [Int: JSONDocument] = [:]

    init(input: PolicyInput) { self.input = input }

    mutating func location(of resource: PolicyResource, attribute: [String]) -> FindingLocation {
        let pointer = JSONPointer.make(resource.pointer + attribute)
        let document = input.documents[resource.document]
        let positions: JSONDocument?
        switch document.content {
        case .parsed(let parsed):
            positions = parsed
        case .inMemory(let json):
            if resource.swiftSource != nil {
                positions = nil
            } else if let cached = rendered[resource.document] {
                positions = cached
            } else {
                let parsed = try? JSONDocument(parsing: JSONWriter().render(json), file: document.name)
                rendered[resource.document] = parsed
                positions = parsed
            }
        }
        guard let positions else { return FindingLocation(file: document.name, line: 1, jsonPointer: pointer) }
        let location = positions.nearestLocation(at: pointer)
        return FindingLocation(
            file: document.name, line: location.line, column: location.column, jsonPointer: pointer,
            path: document.isFile ? document.name : nil)
    }
}

/// Per-rule results written by concurrent workers (each slot by one worker only).
private final class ResultSlots: @unchecked Sendable {
    private var slots: [[Finding]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ index: Int, _ findings: [Finding]) {
        lock.lock()
        slots[index] = findings
        lock.unlock()
    }

    func joined() -> [Finding] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
