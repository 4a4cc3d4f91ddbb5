import Foundation
import PavedTerraform

/// The rules of one check, by id: the built-in packs, plus rule directories.
///
///     var rules = try RuleSet.builtin()
///     rules = rules.overriding(with: try RuleSet.load(directory: "team-policies"))
public struct RuleSet: Sendable {
    /// The rules, sorted by id.
    public private(set) var rules: [PolicyRule]

    /// A rule set; two rules with one id are an error.
    public init(_ rules: [PolicyRule]) throws(DiagnosticsError) {
        var byID: [String: PolicyRule] = [:]
        var diagnostics: [Diagnostic] = []
        for rule in rules {
            if let first = byID[rule.metadata.id] {
                let firstPlace = first.metadata.source.map { " at \($0.withoutColumn)" } ?? ""
                diagnostics.append(.error(
                    "rule id \(rule.metadata.id) is already used by the rule\(firstPlace)", at: rule.metadata.source?.withoutColumn))
            } else {
                byID[rule.metadata.id] = rule
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        self.rules = byID.keys.sorted().compactMap { byID[$0] }
    }

    /// The rule with `id`, or nil.
    public func rule(id: String) -> PolicyRule? {
        rules.first { $0.metadata.id == id }
    }

    /// Ids close to `id`, for "did you mean".
    public func suggestions(for id: String) -> [String] {
        Suggestions.closest(to: id, in: rules.map(\.metadata.id))
    }

    /// This set with `other`'s rules added; a rule of `other` replaces the rule with the same id.
    public func overriding(with other: RuleSet) -> RuleSet {
        var byID: [String: PolicyRule] = [:]
        for rule in rules { byID[rule.metadata.id] = rule }
        for rule in other.rules { byID[rule.metadata.id] = rule }
        var copy = self
        copy.rules = byID.keys.sorted().compactMap { byID[$0] }
        return copy
    }

    /// Only the rules whose id is in `ids`.
    public func only(_ ids: Set<String>) -> RuleSet {
        var copy = self
        copy.rules = rules.filter { ids.contains($0.metadata.id) }
        return copy
    }

    // MARK: Loading

    /// The built-in packs (security, governance, cost), compiled into Paved from `policies/`.
    ///
    /// - Throws: only if the embedded packs are broken, which a test rules out.
    public static func builtin() throws(DiagnosticsError) -> RuleSet {
        try parse(files: BuiltinPacks.files.map { ("policies/\($0.path)", $0.text, packName(ofRelativePath: $0.path, root: "policies")) })
    }

    /// The rules in the rule files (`*.yaml`, `*.yml`) under `directory`, recursively; folders named
    /// `tests` (fixtures) and hidden folders are skipped. A rule's pack defaults to the first folder
    /// below `directory` (or the directory's own name for files directly in it).
    ///
    /// - Parameter swiftRules: the Swift implementations rule files may name with `implementation: swift`.
    /// - Throws: ``DiagnosticsError`` with every problem of every file, each at its file:line.
    public static func load(
        directory: String, swiftRules: [String: SwiftRuleImplementation] = BuiltinSwiftRules.implementations
    ) throws(DiagnosticsError) -> RuleSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticsError([.error("no such policies directory", at: SourceLocation(file: directory, line: 1))])
        }
        var files: [(String, String, String)] = []
        var diagnostics: [Diagnostic] = []
        for relative in ruleFiles(under: directory) {
            let path = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
            let display = PolicyInputBuilder.displayName(path)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("cannot read rule file (unreadable or not UTF-8)", at: SourceLocation(file: display, line: 1)))
                continue
            }
            files.append((display, text, packName(ofRelativePath: relative, root: directory)))
        }
        let set: RuleSet
        do {
            set = try parse(files: files, swiftRules: swiftRules)
        } catch {
            throw DiagnosticsError(diagnostics + error.diagnostics)
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return set
    }

    /// Rules from rule-file texts: `(display path, text, default pack)`.
    static func parse(
        files: [(path: String, text: String, pack: String)],
        swiftRules: [String: SwiftRuleImplementation] = BuiltinSwiftRules.implementations
    ) throws(DiagnosticsError) -> RuleSet {
        var rules: [PolicyRule] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            var parser = RuleFileParser(file: file.path, defaultPack: file.pack, swiftRules: swiftRules)
            rules += parser.parse(file.text)
            diagnostics += parser.diagnostics
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics) }
        return try RuleSet(rules)
    }

    /// Rule file paths relative to `root`, sorted.
    static func ruleFiles(under root: String) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let dir = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if name != "tests" { pending.append(child) }
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    out.append(child)
                }
            }
        }
        return out.sorted()
    }

    static func packName(ofRelativePath relative: String, root: String) -> String {
        let parts = relative.split(separator: "/")
        if parts.count > 1 { return String(parts[0]) }
        let base = (root as NSString).lastPathComponent
        return base.isEmpty || base == "." ? "custom" : base
    }
}
