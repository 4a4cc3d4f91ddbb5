import Mustache

/// Collects variables a template asked for that do not exist, and secrets it tried to write.
final class LookupRecorder {
    var missing: [String] = []
    var secretsUsed: [String] = []
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
