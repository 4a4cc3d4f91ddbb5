import Foundation
import PavedScaffold

/// Small templates built in memory for tests.
enum Fixtures {
    static let manifestYAML = """
        name: demo
        version: 1.0.0
        description: A demo template.
        parameters:
          - name: name
            type: string
            required: true
            pattern: '^[a-z][a-z0-9_]*$'
            min: 3
            max: 20
          - name: owner
            type: string
            required: true
            pattern: '^@[a-z]+/[a-z-]+$'
          - name: tier
            type: integer
            default: 2
            min: 1
            max: 3
          - name: db
            type: choice
            choices: [duckdb, postgres]
            default: duckdb
          - name: tags
            type: list
            default: []
            pattern: '^[a-z]+$'
            max: 2
          - name: alerts
            type: boolean
            default: false
          - name: pager
            type: string
            required: true
            when: tier == 1
          - name: token
            type: string
            secret: true
        files:
          verbatim: [raw/*]
          executable: [bin/*]
          conditional:
            - path: pg/
              when: db == "postgres"
        """

    static var manifest: TemplateManifest {
        get throws { try ManifestLoader.load(manifestYAML, file: "demo/template.yaml") }
    }

    static func template(_ files: [String: String], manifest: TemplateManifest? = nil) throws -> TemplateSource {
        TemplateSource(
            manifest: try manifest ?? self.manifest,
            files: files.map { SourceFile(path: $0.key, contents: Array($0.value.utf8)) })
    }

    static func answers(_ flags: [String], for manifest: TemplateManifest? = nil) throws -> ResolvedAnswers {
        try AnswerResolver.resolve(try GivenAnswer.fromFlags(flags), for: try manifest ?? self.manifest)
    }

    static func messages(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as ScaffoldError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    /// Writes a template folder (`template.yaml` + `files/`) under `root/name[/versions/v]`.
    static func write(root: String, name: String, version: String, manifest: String, files: [String: String], current: Bool) throws {
        let base = current ? "\(root)/\(name)" : "\(root)/\(name)/versions/\(version)"
        try FileManager.default.createDirectory(atPath: base + "/files", withIntermediateDirectories: true)
        try manifest.write(toFile: base + "/template.yaml", atomically: true, encoding: .utf8)
        for (path, text) in files {
            let url = URL(fileURLWithPath: base + "/files/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
