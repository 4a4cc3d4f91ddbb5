import Foundation

/// One file of a template's `files/` folder.
public struct SourceFile: Equatable, Sendable {
    /// Path relative to `files/`, `/`-separated; may contain Mustache tags (`stg_{{name}}.sql`).
    public var path: String
    /// The bytes.
    public var contents: [UInt8]
    /// Whether the source file is executable.
    public var executable: Bool

    /// Creates a source file.
    public init(path: String, contents: [UInt8], executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }
}

/// One version of a template, read into memory: its manifest and its files.
public struct TemplateSource: Equatable, Sendable {
    /// The manifest.
    public var manifest: TemplateManifest
    /// The files, sorted by path.
    public var files: [SourceFile]
    /// How to name the template's folder in messages (relative to the templates folder).
    public var displayPath: String

    /// Creates a template from values (tests build templates in memory this way).
    public init(manifest: TemplateManifest, files: [SourceFile], displayPath: String = "") {
        self.manifest = manifest
        self.files = files.sorted { $0.path < $1.path }
        self.displayPath = displayPath.isEmpty ? manifest.name : displayPath
    }
}
