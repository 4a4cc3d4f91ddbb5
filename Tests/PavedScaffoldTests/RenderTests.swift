import Foundation
import PavedScaffold
import Testing

@Suite("Rendering and safety")
struct RenderTests {
    let base = ["name=orders", "owner=@acme/data"]

    func render(_ files: [String: String], _ flags: [String] = []) throws -> [String: String] {
        let template = try Fixtures.template(files)
        let rendered = try TemplateRenderer.render(template, answers: try Fixtures.answers(base + flags))
        return Dictionary(uniqueKeysWithValues: rendered.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    func problems(_ files: [String: String], _ flags: [String] = []) -> [String] {
        Fixtures.messages { _ = try render(files, flags) }
    }

    @Test("values are written as they are: no HTML escaping")
    func noEscaping() throws {
        let out = try render(["a.txt": "{{name}} <{{owner}}> & {{tier}} {{db}} {{alerts}}\n"])
        #expect(out["a.txt"] == "orders <@acme/data> & 2 duckdb false\n")
    }

    @Test("a value containing Mustache tags is data, not template code")
    func injection() throws {
        let manifest = try ManifestLoader.load(
            "name: i\nversion: 1.0.0\ndescription: d\nparameters:\n  - name: text\n    type: string\n", file: "i/template.yaml")
        let template = try Fixtures.template(["{{text}}.md": "[{{text}}] {{{text}}}\n"], manifest: manifest)
        for evil in ["{{text}}", "{{#x}}y{{/x}}", "{{> partial}}", "{{=<% %>=}}"] {
            let files = try TemplateRenderer.render(template, answers: try Fixtures.answers(["text=\(evil)"], for: manifest))
            let out = files.first { $0.path != ".paved/answers.yml" }
            #expect(out?.path == "\(evil).md")
            #expect(out.map { String(decoding: $0.contents, as: UTF8.self) } == "[\(evil)] \(evil)\n")
        }
    }

    @Test("a missing variable is an error naming the file and line, not an empty string")
    func missingVariable() {
        #expect(problems(["docs/a.md": "# {{name}}\n\nOwner: {{ownr}}\n{{#template.nope}}x{{/template.nope}}\n"]) == [
            "demo/files/docs/a.md:3: error: the template uses 'ownr', which is not a parameter, a derived value or a built-in",
            "demo/files/docs/a.md:4: error: the template uses 'template.nope', which is not a parameter, a derived value or a built-in",
        ])
    }

    @Test("a parameter switched off by its condition is missing in templates")
    func inactiveParameter() {
        #expect(problems(["a.md": "{{pager}}\n"]) == [
            "demo/files/a.md:1: error: the template uses 'pager', which is not a parameter, a derived value or a built-in"
        ])
    }

    @Test("partials are refused rather than rendered as nothing")
    func partials() {
        #expect(problems(["a.md": "one\n{{> footer}}\n"]) == ["demo/files/a.md:2: error: partials ({{> name}}) are not supported"])
    }

    @Test("syntax errors name the file and line")
    func syntax() {
        #expect(problems(["a.md": "line 1\n{{#alerts}}\nnever closed\n"]) == [
            "demo/files/a.md:4:1: error: template syntax: a section is never closed"
        ])
    }

    @Test("rendered paths cannot escape the target folder", arguments: [
        ("../escape", "escapes the target folder ('..')"),
        ("a/../../b", "escapes the target folder ('..')"),
        ("/etc/passwd", "is an absolute path"),
        (".git/hooks/post-checkout", "writes into the repository's .git folder"),
        ("sub/.GIT/config", "writes into the repository's .git folder"),
        ("a//b", "has an empty path segment"),
        ("a\\b", "contains a backslash"),
    ])
    func pathEscape(_ value: String, _ reason: String) throws {
        let manifest = try ManifestLoader.load(
            "name: p\nversion: 1.0.0\ndescription: d\nparameters:\n  - name: dir\n    type: string\n", file: "p/template.yaml")
        let template = try Fixtures.template(["{{dir}}": "x"], manifest: manifest)
        let messages = Fixtures.messages {
            _ = try TemplateRenderer.render(template, answers: try Fixtures.answers(["dir=\(value)"], for: manifest))
        }
        #expect(messages == ["p/files/{{dir}}: error: the file name renders to \"\(value)\", which \(reason)"])
    }

    @Test("templates cannot write Paved's own record, nor two files to one path")
    func reservedAndDuplicate() {
        #expect(problems([".paved/answers.yml": "x", "{{name}}.txt": "a", "orders.txt": "b"]) == [
            "demo/files/.paved/answers.yml: error: templates may not write into .paved/ (Paved records the answers there)",
            "demo/files/{{name}}.txt: error: renders to \"orders.txt\", which demo/files/orders.txt also renders to",
        ])
    }

    @Test("symbolic links in a template folder are refused")
    func symlinks() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try Fixtures.write(root: tmp.path, name: "demo", version: "1.0.0", manifest: Fixtures.manifestYAML, files: ["a.txt": "a"], current: true)
        try FileManager.default.createSymbolicLink(atPath: tmp.path + "/demo/files/link", withDestinationPath: "/etc")
        #expect(Fixtures.messages { _ = try TemplateLibrary(root: tmp.path).load("demo") } == [
            "demo/files/link: error: templates may not contain symbolic links (a link could point outside the target folder)"
        ])
    }

    @Test("secrets are never recorded and never written into files")
    func secrets() throws {
        let out = try render(["a.txt": "{{name}}\n"], ["token=s3cr3t"])
        #expect(out[".paved/answers.yml"]?.contains("token") == false)
        #expect(out.values.allSatisfy { !$0.contains("s3cr3t") })
        #expect(problems(["a.txt": "{{token}}\n"], ["token=s3cr3t"]) == [
            "demo/files/a.txt:1: error: the template writes the secret parameter 'token'; secret values are never written into files"
        ])
    }

    @Test("verbatim files are copied as is, conditional folders follow their condition, executables keep their mode")
    func fileRules() throws {
        let template = try Fixtures.template(["raw/seed.sql": "{{ ref('x') }}", "pg/init.sql": "-- {{db}}", "bin/run": "#!/bin/sh\n"])
        let duck = try TemplateRenderer.render(template, answers: try Fixtures.answers(base))
        #expect(duck.map(\.path) == [".paved/answers.yml", "bin/run", "raw/seed.sql"])
        #expect(duck[1].executable && !duck[2].executable)
        #expect(String(decoding: duck[2].contents, as: UTF8.self) == "{{ ref('x') }}")
        let pg = try TemplateRenderer.render(template, answers: try Fixtures.answers(base + ["db=postgres"]))
        #expect(pg.map(\.path) == [".paved/answers.yml", "bin/run", "pg/init.sql", "raw/seed.sql"])
    }

    @Test("choice and bounded-integer flags, set delimiters and the template built-ins")
    func helpers() throws {
        let out = try render([
            "a.txt": "{{#db_is.duckdb}}D{{/db_is.duckdb}}{{#db_is.postgres}}P{{/db_is.postgres}} {{#tier_is.2}}two{{/tier_is.2}} {{template.name}} {{template.version}}\n",
            "b.yml": "{{=<% %>=}}\nx: \"{{ jinja }}\" <% name %>\n",
            "c.txt": "{{#tags}}[{{.}}]{{/tags}}{{^tags}}no tags{{/tags}}\n",
        ], ["tags=ab,cd"])
        #expect(out["a.txt"] == "D two demo 1.0.0\n")
        #expect(out["b.yml"] == "x: \"{{ jinja }}\" orders\n")
        #expect(out["c.txt"] == "[ab][cd]\n")
    }

    @Test("text transforms, and an unknown transform is an error")
    func transforms() throws {
        let out = try render(["a.txt": "{{kebabcased(name)}} {{uppercased(name)}} {{snakecased(owner)}} {{#tags}}{{uppercased(.)}};{{/tags}}\n"], ["name=web_events", "tags=ab,c"])
        #expect(out["a.txt"] == "web-events WEB_EVENTS @acme/data AB;C;\n")
        #expect(problems(["a.txt": "x\n{{shout(name)}}\n"]) == [
            "demo/files/a.txt:2: error: unknown transform 'shout' (available: capitalized, kebabcased, lowercased, snakecased, uppercased)"
        ])
    }

    @Test("names inside a text or list section still resolve to the parameters")
    func sectionScoping() throws {
        let out = try render(["a.txt": "{{#name}}{{owner}} {{name}}{{/name}}|{{#tags}}{{name}}:{{.}} {{/tags}}\n"], ["tags=x,y"])
        #expect(out["a.txt"] == "@acme/data orders|orders:x orders:y \n")
    }

    @Test("the recorded answers file is stable and quoted")
    func recorded() throws {
        let out = try render([:], ["tags=ab", "pager=x\"y", "tier=1"])
        #expect(out[".paved/answers.yml"] == """
            # Recorded by `paved scaffold`; read by `paved scaffold update`. Do not edit: change an answer
            # with `paved scaffold update . --set name=value`, which merges the re-rendered files.
            template: "demo"
            version: "1.0.0"
            answers:
              name: "orders"
              owner: "@acme/data"
              tier: 1
              db: "duckdb"
              tags:
                - "ab"
              alerts: false
              pager: "x\\"y"

            """)
    }
}
