/// Writes `BuiltinPacks+Generated.swift`: the rule files of `policies/` as string literals, so the
/// built-in packs work from any directory. A test regenerates it and fails when it differs
/// (`PAVED_RECORD=1 swift test --filter GeneratedSourcesTests` updates it).
enum BuiltinPacksGenerator {
    /// The Swift source for `files` (path relative to `policies/`, text), sorted by path.
    static func swiftSource(files: [(path: String, text: String)]) -> String {
        var out = """
            // Generated from the rule files in policies/ by BuiltinPacksGenerator.
            // DO NOT EDIT. Regenerate: PAVED_RECORD=1 swift test --filter GeneratedSourcesTests

            enum BuiltinPacks {
                static let files: [(path: String, text: String)] = [

            """
        for file in files.sorted(by: { $0.path < $1.path }) {
            out += "        (\(literal(file.path)), \(rawLiteral(file.text))),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// A single-line string literal.
    static func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A multi-line raw string literal whose value is exactly `text`.
    static func rawLiteral(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
    }
}
