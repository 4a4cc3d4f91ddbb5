import PavedScaffold
import Testing

@Suite("Manifest validation")
struct ManifestTests {
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try ManifestLoader.load(yaml, file: "t/template.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("a valid manifest parses with every feature")
    func valid() throws {
        let manifest = try ManifestLoader.load(
            """
            name: demo
            version: 1.2.0
            description: A demo.
            parameters:
              - name: name
                type: string
                required: true
                pattern: '^[a-z]+$'
                min: 2
                max: 10
                help: The name.
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
                default: [a, b]
                max: 3
              - name: alerts
                type: boolean
                default: false
              - name: pager
                type: string
                when: tier == 1 and alerts
              - name: token
                type: string
                secret: true
            derived:
              - name: hours
                from: tier
                map: {1: 1, 2: 6, 3: 24}
            files:
              verbatim: [seeds/*.csv]
              executable: [bin/*]
              conditional:
                - path: infra/
                  when: db == "postgres"
            """, file: "demo/template.yaml")
        #expect(manifest.name == "demo")
        #expect(manifest.version == SemanticVersion(1, 2, 0))
        #expect(manifest.parameters.map(\.name) == ["name", "tier", "db", "tags", "alerts", "pager", "token"])
        #expect(manifest.parameters[3].defaultValue == .list(["a", "b"]))
        #expect(manifest.parameters[5].when == .and(.compare(.parameter("tier"), .equal, .literal(.integer(1))), .parameter("alerts")))
        #expect(manifest.derived[0].map["3"] == .integer(24))
        #expect(manifest.files.conditional[0].path.matches("infra/main.swift"))
        #expect(manifest.parameters[6].secret)
    }

    @Test("malformed YAML names the file, line and column")
    func malformed() {
        #expect(errors("name: demo\nparameters: [\n  - x\n") == [
            "t/template.yaml:3:3: error: not valid YAML: did not find expected node content (while parsing a flow node)"
        ])
    }

    @Test("duplicate keys are an error")
    func duplicateKeys() {
        #expect(errors("name: a\nname: b\nversion: 1.0.0\ndescription: d\n").first?.contains("duplicate key 'name'") == true)
    }

    @Test("every problem is reported at once, each with its line and the rule it breaks")
    func allAtOnce() {
        let yaml = """
            name: Bad_Name
            version: v1.0
            descripton: typo
            parameters:
              - name: Tier
                type: integer
              - name: tier
                type: number
              - name: size
                type: integer
                min: 5
                max: 1
              - name: db
                type: choice
              - name: colour
                type: choice
                choices: [red, red, blue]
                default: green
              - name: code
                type: string
                pattern: '^[a-z'
              - name: flag
                type: boolean
                pattern: x
              - name: pager
                type: string
                when: later == 1
              - name: region
                type: string
                when: colour == "purple"
              - name: broken
                type: string
                when: "tier =="
              - name: count
                type: integer
                default: "three"
              - name: later
                type: integer
              - name: name
                type: string
                max: 3
                default: toolong
            derived:
              - name: hours
                from: colour
                map: {red: 1, green: 2}
            files:
              conditional:
                - path: infra/
                  when: nope
            """
        #expect(errors(yaml) == [
            "t/template.yaml:1:1: error: missing required key 'description'",
            "t/template.yaml:1:7: error: name \"Bad_Name\" must be lower-case letters, digits and '-', starting with a letter",
            "t/template.yaml:2:10: error: version \"v1.0\" is not a semantic version MAJOR.MINOR.PATCH (e.g. 1.2.0)",
            "t/template.yaml:3:1: error: the manifest: unknown key 'descripton' (expected one of: name, version, description, parameters, derived, files)",
            "t/template.yaml:5:11: error: parameter 'Tier': the name must be lower-case letters, digits and '_', starting with a letter",
            "t/template.yaml:8:11: error: parameter 'tier': unknown type 'number' (expected one of: string, integer, boolean, choice, list)",
            "t/template.yaml:11:10: error: parameter 'size': min 5 is greater than max 1",
            "t/template.yaml:13:5: error: parameter 'db': a choice parameter needs 'choices'",
            "t/template.yaml:17:14: error: parameter 'colour': duplicate choices: red",
            "t/template.yaml:18:14: error: parameter 'colour': \"green\" is not one of: red, red, blue (the default breaks the parameter's own rule)",
            "t/template.yaml:21:14: error: parameter 'code': the pattern ^[a-z is not a valid regular expression: expected ']'",
            "t/template.yaml:24:14: error: parameter 'flag': 'pattern' applies only to string and list parameters",
            "t/template.yaml:27:11: error: parameter 'pager': when: the condition uses 'later', which is not a parameter declared before it",
            "t/template.yaml:30:11: error: parameter 'region': when: \"purple\" is not one of the choices of 'colour'",
            "t/template.yaml:33:11: error: parameter 'broken': when: \"tier ==\" is not a valid condition: expected a value at the end at character 8",
            "t/template.yaml:36:14: error: parameter 'count': the default must be an integer, got \"three\"",
            "t/template.yaml:42:14: error: parameter 'name': \"toolong\" is longer than the maximum length 3 (the default breaks the parameter's own rule)",
            "t/template.yaml:46:10: error: derived value 'hours': 'map' has no entry for blue",
            "t/template.yaml:46:10: error: derived value 'hours': 'map' has entries that 'colour' can never be: green",
            "t/template.yaml:50:13: error: conditional path 'infra/': the condition uses 'nope', which is not a parameter declared before it",
        ])
    }

    @Test("missing required keys are named")
    func missingKeys() {
        #expect(errors("parameters: []\n") == [
            "t/template.yaml:1:1: error: missing required key 'name'",
            "t/template.yaml:1:1: error: missing required key 'version'",
            "t/template.yaml:1:1: error: missing required key 'description'",
        ])
    }

    @Test("conditions parse and evaluate", arguments: [
        ("tier == 1", true), ("tier != 1", false), ("tier <= 2 and flag", true), ("not flag or tier > 5", false),
        ("\"a\" in tags", true), ("\"z\" not in tags", true), ("db in ['duckdb', 'postgres']", true),
        ("missing_param", false), ("(tier == 2 || tier == 1) && !(db == 'x')", true),
    ])
    func conditions(_ text: String, _ expected: Bool) throws {
        let condition = try TemplateCondition.parse(text)
        let values: [String: AnswerValue] = ["tier": .integer(1), "flag": .boolean(true), "tags": .list(["a"]), "db": .string("duckdb")]
        #expect(condition.evaluate(values) == expected)
    }

    @Test("path patterns")
    func patterns() {
        #expect(PathPattern("seeds/*.csv").matches("seeds/a.csv"))
        #expect(!PathPattern("seeds/*.csv").matches("seeds/x/a.csv"))
        #expect(PathPattern("**/*.sql").matches("models/staging/a.sql"))
        #expect(PathPattern("**/*.sql").matches("a.sql"))
        #expect(PathPattern("infra/").matches("infra/Sources/main.swift"))
        #expect(!PathPattern("infra/").matches("infra"))
        #expect(!PathPattern("infra/").matches("infrastructure/x"))
        #expect(PathPattern("a?c").matches("abc"))
    }

    @Test("semantic versions")
    func versions() {
        #expect(SemanticVersion("1.10.0")! > SemanticVersion("1.9.9")!)
        #expect(SemanticVersion("v2.0.0") == SemanticVersion(2, 0, 0))
        #expect(SemanticVersion("1.0") == nil)
        #expect(SemanticVersion("01.0.0") == nil)
        #expect(SemanticVersion("1.0.0-beta") == nil)
    }
}
