/// The text `paved templates show` prints for a manifest.
public enum TemplateDescription {
    /// The description's first clause (up to the first ':' or '.'), for `paved templates list`.
    public static func summary(_ manifest: TemplateManifest) -> String {
        let text = manifest.description
        let end = text.firstIndex { $0 == ":" || $0 == "." || $0 == "\n" } ?? text.endIndex
        return String(text[..<end])
    }

    /// A readable description: header, description, then one block per parameter.
    public static func render(_ manifest: TemplateManifest, versions: [SemanticVersion]) -> String {
        var lines: [String] = []
        lines.append("\(manifest.name) \(manifest.version)")
        lines.append("")
        for line in manifest.description.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append("  " + line)
        }
        lines.append("")
        lines.append("Versions: " + versions.map(\.description).joined(separator: ", "))
        lines.append("")
        lines.append("Parameters:")
        for p in manifest.parameters {
            var head = "  \(p.name) (\(p.type.rawValue))"
            if let value = p.defaultValue { head += "  default: \(value)" }
            lines.append(head)
            if !p.help.isEmpty { lines.append("      \(p.help)") }
            let rules = p.ruleSummary
            if !rules.isEmpty { lines.append("      rules: " + rules.joined(separator: "; ")) }
        }
        if !manifest.derived.isEmpty {
            lines.append("")
            lines.append("Derived values:")
            for d in manifest.derived {
                let table = d.map.keys.sorted().map { "\($0) → \(d.map[$0].map(ParameterRules.key) ?? "")" }
                lines.append("  \(d.name) from \(d.from): " + table.joined(separator: ", "))
            }
        }
        if !manifest.files.conditional.isEmpty {
            lines.append("")
            lines.append("Conditional files:")
            for c in manifest.files.conditional { lines.append("  \(c.path) when \(c.when)") }
        }
        return lines.joined(separator: "\n")
    }
}
