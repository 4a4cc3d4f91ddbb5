import Mustache

/// Collects variables a template asked for that do not exist, and secrets it tried to write.
final class LookupRecorder {
    var missing: [String] = []
    var secretsUsed: [String] = []
    var unknownTransforms: [String] = []
}

/// A text value as templates see it: rendered as is, false in sections when empty, and
/// transformable: `{{kebabcased(name)}}`, `{{snakecased(name)}}`, `{{uppercased(name)}}`,
/// `{{lowercased(name)}}`, `{{capitalized(name)}}`. An unknown transform is recorded as an error
/// (the engine would otherwise render nothing).
struct TextValue: MustacheCustomRenderable, MustacheTransformable, MustacheParent {
    /// The transforms templates may use on text.
    static let transforms = ["capitalized", "kebabcased", "lowercased", "snakecased", "uppercased"]

    let text: String
    let recorder: LookupRecorder

    var renderText: String { text }
    var isNull: Bool { text.isEmpty }

    /// Text has no named children: names inside `{{#text}}...{{/text}}` resolve further out.
    func child(named: String) -> Any? { nil }

    func transform(_ name: String) -> Any? {
        let result: String
        switch name {
        case "lowercased": result = text.lowercased()
        case "uppercased": result = text.uppercased()
        case "capitalized": result = text.prefix(1).uppercased() + text.dropFirst()
        case "kebabcased": result = Self.separated(text, by: "-")
        case "snakecased": result = Self.separated(text, by: "_")
        default:
            recorder.unknownTransforms.append(name)
            return nil
        }
        return TextValue(text: result, recorder: recorder)
    }

    /// Lower-cases and joins words (split on `_`, `-`, spaces and dots) with `separator`.
    static func separated(_ text: String, by separator: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " || $0 == "." }).joined(separator: separator)
    }
}

/// A Mustache context object that records every name it cannot answer.
///
/// swift-mustache renders a missing variable as an empty string. Paved wants an error, so the
/// root of every render is a `StrictContext`: the engine looks names up from the innermost section
/// outwards and reaches the root last, so a miss at the root is a name that exists nowhere.
/// Nested mappings (`template.version`, `warehouse_is.snowflake`) are `StrictContext`s too.
final class StrictContext: MustacheParent {
    let values: [String: Any]
    let prefix: String
    let secrets: Set<String>
    let recorder: LookupRecorder

    init(values: [String: Any], prefix: String = "", secrets: Set<String> = [], recorder: LookupRecorder) {
        self.values = values
        self.prefix = prefix
        self.secrets = secrets
        self.recorder = recorder
    }

    func child(named name: String) -> Any? {
        if secrets.contains(name) {
            recorder.secretsUsed.append(name)
            return ""
        }
        if let value = values[name] { return value }
        recorder.missing.append(prefix + name)
        return nil
    }
}
