import PavedTerraform
/// The attribute and block names of every resource and data source type of the providers Paved
/// knows (aws, google, snowflake, databricks, vault), so rule files are checked when they load: a
/// misspelt attribute path is an error at its line, not a rule that silently never fires.
///
/// Generated from the provider schemas (`terraform providers schema -json`) into
/// `AttributeCatalog+Generated.swift`; a test regenerates it and fails when it differs.
struct AttributeCatalog: Sendable {
    /// The catalog compiled into Paved.
    static let bundled = AttributeCatalog(texts: AttributeCatalog.generatedTexts)

    /// Member text by `r TYPE` / `d TYPE`.
    private let entries: [String: Substring]
    /// Sorted type names, managed and data.
    let resourceTypes: [String]
    let dataTypes: [String]
    /// Provider local names the catalog covers.
    let providers: Set<String>

    init(texts: [String]) {
        var entries: [String: Substring] = [:]
        var resources: [String] = []
        var data: [String] = []
        var providers: Set<String> = []
        for text in texts {
            for line in text.split(separator: "\n") {
                // `r TYPE MEMBERS` or `d TYPE MEMBERS` (MEMBERS may be empty).
                let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count >= 2, parts[0] == "r" || parts[0] == "d" else { continue }
                let type = String(parts[1])
                entries["\(parts[0]) \(type)"] = parts.count == 3 ? parts[2] : ""
                if parts[0] == "r" { resources.append(type) } else { data.append(type) }
                if let underscore = type.firstIndex(of: "_") { providers.insert(String(type[..<underscore])) }
            }
        }
        self.entries = entries
        self.resourceTypes = resources.sorted()
        self.dataTypes = data.sorted()
        self.providers = providers
    }

    /// The schema of a type, or nil when the catalog does not know it.
    func block(type: String, mode: PolicyResource.Mode) -> CatalogBlock? {
        guard let text = entries["\(mode == .data ? "d" : "r") \(type)"] else { return nil }
        var parser = MemberParser(text: Array(text.utf8))
        return parser.parseBlock()
    }

    /// True when the type's provider is one the catalog covers (so an unknown type is a mistake).
    func coversProvider(of type: String) -> Bool {
        guard let underscore = type.firstIndex(of: "_") else { return false }
        return providers.contains(String(type[..<underscore]))
    }

    /// Known types matching a selector pattern.
    func types(matching pattern: String, mode: PolicyResource.Mode) -> [String] {
        let all = mode == .data ? dataTypes : resourceTypes
        return all.filter { Glob.matches(pattern, $0) }
    }

    /// Known types close to `type`, for "did you mean".
    func suggestions(for type: String, mode: PolicyResource.Mode) -> [String] {
        Suggestions.closest(to: type, in: mode == .data ? dataTypes : resourceTypes)
    }

    /// Whether resources of `type` can carry tags or labels (so they can hold owner/tier/classification).
    func isTaggable(type: String) -> Bool? {
        guard let block = block(type: type, mode: .managed) else { return nil }
        return block.members["tags"] != nil || block.members["labels"] != nil || block.members["custom_tags"] != nil
    }
}

/// A block of the catalog: its attributes and nested blocks by name.
final class CatalogBlock: Sendable {
    let members: [String: CatalogMember]

    init(members: [String: CatalogMember]) { self.members = members }
}

enum CatalogMember: Sendable {
    /// A primitive, or a list or set of primitives.
    case value
    /// A map, object or dynamic value: any key below it is accepted.
    case open
    /// A nested block (or nested attribute object).
    case block(CatalogBlock)
}

/// Parses `name,name*,block{name,…}`.
private struct MemberParser {
    let text: [UInt8]
    var i = 0

    init(text: [UInt8]) { self.text = text }

    mutating func parseBlock() -> CatalogBlock {
        var members: [String: CatalogMember] = [:]
        while i < text.count, text[i] != UInt8(ascii: "}") {
            let start = i
            while i < text.count, !Self.delimiters.contains(text[i]) { i += 1 }
            let name = String(decoding: text[start..<i], as: UTF8.self)
            var member = CatalogMember.value
            if i < text.count, text[i] == UInt8(ascii: "*") {
                member = .open
                i += 1
            } else if i < text.count, text[i] == UInt8(ascii: "{") {
                i += 1
                member = .block(parseBlock())
                if i < text.count, text[i] == UInt8(ascii: "}") { i += 1 }
            }
            if !name.isEmpty { members[name] = member }
            if i < text.count, text[i] == UInt8(ascii: ",") { i += 1 }
        }
        return CatalogBlock(members: members)
    }

    private static let delimiters: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "*")]
}

/// "Did you mean" by edit distance.
enum Suggestions {
    static func closest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let budget = max(2, word.count / 3)
        var scored: [(Int, String)] = []
        for candidate in candidates where abs(candidate.count - word.count) <= budget {
            let d = distance(word, candidate)
            if d <= budget { scored.append((d, candidate)) }
        }
        // Also offer names that contain the word or that the word contains (versioning → versioning_configuration).
        if scored.isEmpty {
            for candidate in candidates where word.count >= 4 && (candidate.contains(word) || word.contains(candidate) && candidate.count >= 4) {
                scored.append((100 + abs(candidate.count - word.count), candidate))
            }
        }
        // Or that share a long prefix (expiry → expiration).
        if scored.isEmpty {
            for candidate in candidates {
                let shared = zip(word, candidate).prefix { $0 == $1 }.count
                if shared >= 4 { scored.append((200 - shared, candidate)) }
            }
        }
        return scored.sorted { $0 < $1 }.prefix(limit).map(\.1)
    }

    static func distance(_ a: String, _ b: String) -> Int {
        EditDistance.distance(a, b) ?? .max
    }

    /// ` (did you mean 'a' or 'b'?)`, or empty.
    static func hint(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return " (did you mean '\(names[0])'?)"
        default: return " (did you mean " + names.dropLast().map { "'\($0)'" }.joined(separator: ", ") + " or '\(names.last ?? "")'?)"
        }
    }
}
