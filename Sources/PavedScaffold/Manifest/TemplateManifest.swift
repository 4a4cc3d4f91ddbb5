/// A template's manifest (`template.yaml`): what the template is and what it asks for.
public struct TemplateManifest: Equatable, Sendable {
    /// The template's name, equal to its folder name (`dbt-pipeline`).
    public var name: String
    /// The template's version.
    public var version: SemanticVersion
    /// One paragraph saying what the template makes.
    public var description: String
    /// The parameters, in the order the manifest declares them.
    public var parameters: [TemplateParameter]
    /// Values computed from parameters through lookup tables.
    public var derived: [DerivedValue]
    /// Which files are copied verbatim, executable, or included only under a condition.
    public var files: FileRules

    /// Creates a manifest.
    public init(
        name: String, version: SemanticVersion, description: String, parameters: [TemplateParameter],
        derived: [DerivedValue] = [], files: FileRules = FileRules()
    ) {
        self.name = name
        self.version = version
        self.description = description
        self.parameters = parameters
        self.derived = derived
        self.files = files
    }

    /// The parameter called `name`.
    public func parameter(named name: String) -> TemplateParameter? {
        parameters.first { $0.name == name }
    }
}

/// The type of a parameter.
public enum ParameterType: String, Equatable, Sendable, CaseIterable {
    /// Free text, optionally constrained by `pattern` and `min`/`max` length.
    case string
    /// A whole number, optionally bounded by `min`/`max`.
    case integer
    /// `true` or `false`.
    case boolean
    /// One of `choices`.
    case choice
    /// A list of strings; `pattern` applies to each item, `min`/`max` to the number of items.
    case list
}

/// One typed, validated input of a template.
public struct TemplateParameter: Equatable, Sendable {
    /// The name used in templates (`{{name}}`) and with `--set name=value`.
    public var name: String
    /// The type.
    public var type: ParameterType
    /// Whether a value must be given when there is no default.
    public var required: Bool
    /// The value used when none is given.
    public var defaultValue: AnswerValue?
    /// A regular expression a string (or each list item) must contain a match of; anchor it
    /// with `^…$` to match the whole value.
    public var pattern: String?
    /// The allowed values of a `choice` parameter.
    public var choices: [String]
    /// Minimum: the value (integer), the length (string) or the item count (list).
    public var min: Int?
    /// Maximum: the value (integer), the length (string) or the item count (list).
    public var max: Int?
    /// Help text shown by `paved templates show`.
    public var help: String
    /// The parameter is asked for only when this condition holds.
    public var when: TemplateCondition?
    /// A secret is validated but never recorded in `.paved/answers.yml`, never printed, and may
    /// not be written into any file.
    public var secret: Bool
    /// The manifest line that declares the parameter.
    public var line: Int?

    /// Creates a parameter.
    public init(
        name: String, type: ParameterType, required: Bool = false, defaultValue: AnswerValue? = nil,
        pattern: String? = nil, choices: [String] = [], min: Int? = nil, max: Int? = nil, help: String = "",
        when: TemplateCondition? = nil, secret: Bool = false, line: Int? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.pattern = pattern
        self.choices = choices
        self.min = min
        self.max = max
        self.help = help
        self.when = when
        self.secret = secret
        self.line = line
    }

    /// The rules as short phrases, for `paved templates show`.
    public var ruleSummary: [String] {
        var rules: [String] = []
        if required { rules.append("required") }
        if !choices.isEmpty { rules.append("one of: " + choices.joined(separator: ", ")) }
        if let pattern { rules.append("pattern \(pattern)") }
        let what: String
        switch type {
        case .string: what = "length"
        case .list: what = "items"
        default: what = "value"
        }
        if let min { rules.append("\(what) >= \(min)") }
        if let max { rules.append("\(what) <= \(max)") }
        if let when { rules.append("only when \(when)") }
        if secret { rules.append("secret (never recorded)") }
        return rules
    }
}

/// A value looked up from a parameter through a table, e.g. freshness hours by tier.
public struct DerivedValue: Equatable, Sendable {
    /// The name used in templates.
    public var name: String
    /// The parameter whose value is looked up.
    public var from: String
    /// The table: the parameter's value (as text: `1`, `snowflake`, `true`) to the derived value.
    public var map: [String: AnswerValue]
    /// The manifest line that declares it.
    public var line: Int?

    /// Creates a derived value.
    public init(name: String, from: String, map: [String: AnswerValue], line: Int? = nil) {
        self.name = name
        self.from = from
        self.map = map
        self.line = line
    }
}

/// File rules, matched against paths inside the template's `files/` folder (before names are
/// rendered).
public struct FileRules: Equatable, Sendable {
    /// Copied byte for byte, never rendered (seed data, binaries, files full of `{{`).
    public var verbatim: [PathPattern]
    /// Written with mode 100755 (files whose source is executable are too).
    public var executable: [PathPattern]
    /// Included only when their condition holds.
    public var conditional: [ConditionalPath]

    /// Creates file rules.
    public init(verbatim: [PathPattern] = [], executable: [PathPattern] = [], conditional: [ConditionalPath] = []) {
        self.verbatim = verbatim
        self.executable = executable
        self.conditional = conditional
    }
}

/// Files or a folder included only when `when` holds.
public struct ConditionalPath: Equatable, Sendable {
    /// The files or folder (a trailing `/` means everything under a folder).
    public var path: PathPattern
    /// The condition.
    public var when: TemplateCondition
    /// The manifest line.
    public var line: Int?

    /// Creates a conditional path.
    public init(path: PathPattern, when: TemplateCondition, line: Int? = nil) {
        self.path = path
        self.when = when
        self.line = line
    }
}

/// A path glob: `*` matches within one path segment, `**` across segments, `?` one character;
/// a trailing `/` matches a folder and everything under it.
public struct PathPattern: Equatable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String

    /// Creates a pattern.
    public init(_ text: String) {
        self.text = text
    }

    public var description: String { text }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        if text.hasSuffix("/") {
            let folder = String(text.dropLast())
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            for end in 1..<max(segments.count, 1) {
                if Self.match(Array(folder.split(separator: "/").map(String.init)), Array(segments[0..<end])) {
                    return true
                }
            }
            return false
        }
        return Self.match(
            text.split(separator: "/").map(String.init),
            path.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    private static func match(_ pattern: [String], _ path: [String]) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = Array(pattern.dropFirst())
            for skip in 0...path.count where match(rest, Array(path.dropFirst(skip))) { return true }
            return false
        }
        guard let segment = path.first, matchSegment(Array(first), Array(segment)) else { return false }
        return match(Array(pattern.dropFirst()), Array(path.dropFirst()))
    }

    private static func matchSegment(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                starP = p
                starT = t
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
