import PavedScaffold
import Testing

@Suite("Answer validation")
struct AnswerTests {
    @Test("every broken rule is reported at once, naming the parameter and the rule")
    func allAtOnce() throws {
        let messages = Fixtures.messages {
            _ = try Fixtures.answers([
                "nmae=x", "name=Ab", "tier=7", "db=oracle", "tags=a,B2,c", "alerts=maybe", "owner=acme", "pager=P1",
            ])
        }
        #expect(messages == [
            "error: unknown parameter 'nmae' (did you mean 'name'?)",
            "error: parameter 'name': \"Ab\" does not match the pattern ^[a-z][a-z0-9_]*$",
            "error: parameter 'name': \"Ab\" is shorter than the minimum length 3",
            "error: parameter 'owner': \"acme\" does not match the pattern ^@[a-z]+/[a-z-]+$",
            "error: parameter 'tier': 7 is greater than the maximum 3",
            "error: parameter 'db': \"oracle\" is not one of: duckdb, postgres",
            "error: parameter 'tags': item \"B2\" does not match the pattern ^[a-z]+$",
            "error: parameter 'tags': has 3 items, more than the maximum 2",
            "error: parameter 'alerts': expected true or false, got \"maybe\"",
            "error: parameter 'pager': given, but it applies only when tier == 1",
        ])
    }

    @Test("required parameters, including ones switched on by a condition")
    func required() {
        #expect(Fixtures.messages { _ = try Fixtures.answers(["tier=1", "tier=x"]) } == [
            "error: parameter 'name': required, but no value was given and it has no default",
            "error: parameter 'owner': required, but no value was given and it has no default",
            "error: parameter 'tier': expected an integer, got \"x\"",
        ])
        #expect(Fixtures.messages { _ = try Fixtures.answers(["name=abc", "owner=@a/b", "tier=1"]) } == [
            "error: parameter 'pager': required, but no value was given and it has no default"
        ])
    }

    @Test("defaults fill in; later answers win; lists split on commas")
    func defaults() throws {
        let answers = try Fixtures.answers(["name=abc", "owner=@a/b", "tags=x, y", "tags=z", "alerts=yes"])
        #expect(answers.values["tier"] == .integer(2))
        #expect(answers.values["db"] == .string("duckdb"))
        #expect(answers.values["tags"] == .list(["z"]))
        #expect(answers.values["alerts"] == .boolean(true))
        #expect(answers.values["pager"] == nil)
        #expect(answers.order == ["name", "owner", "tier", "db", "tags", "alerts", "token"])
    }

    @Test("an answers file gives typed values and line numbers")
    func answersFile() throws {
        let yaml = """
            name: abc
            owner: "@acme/data"
            tier: "2"
            tags: [a, b]
            alerts: true
            db: [duckdb]
            """
        let messages = Fixtures.messages {
            _ = try AnswerResolver.resolve(try GivenAnswer.fromFile(yaml, file: "answers.yml"), for: try Fixtures.manifest)
        }
        #expect(messages == [
            "answers.yml:3: error: parameter 'tier': expected an integer, got the quoted string \"2\"",
            "answers.yml:6: error: parameter 'db': expected one of the choices, got a list",
        ])
        let fixed = yaml.replacingOccurrences(of: "tier: \"2\"", with: "tier: 3").replacingOccurrences(of: "db: [duckdb]", with: "db: postgres")
        let answers = try AnswerResolver.resolve(try GivenAnswer.fromFile(fixed, file: "answers.yml"), for: try Fixtures.manifest)
        #expect(answers.values["tier"] == .integer(3))
        #expect(answers.values["tags"] == .list(["a", "b"]))
    }

    @Test("a malformed answers file names the file and line")
    func malformedFile() {
        #expect(Fixtures.messages { _ = try GivenAnswer.fromFile("name: [abc\n", file: "a.yml") } == [
            "a.yml:2:1: error: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"
        ])
        #expect(Fixtures.messages { _ = try GivenAnswer.fromFile("- a\n", file: "a.yml") } == [
            "a.yml:1: error: an answers file must be a mapping of parameter names to values"
        ])
    }

    @Test("--set needs name=value")
    func badFlag() {
        #expect(Fixtures.messages { _ = try GivenAnswer.fromFlags(["novalue", "=x"]) } == [
            "error: --set novalue: expected name=value", "error: --set =x: expected name=value",
        ])
    }

    @Test("secret values are never shown in messages")
    func secretMessages() throws {
        let manifest = try ManifestLoader.load(
            """
            name: s
            version: 1.0.0
            description: d
            parameters:
              - name: token
                type: string
                secret: true
                pattern: '^tok_'
            """, file: "s/template.yaml")
        #expect(Fixtures.messages { _ = try Fixtures.answers(["token=hunter2"], for: manifest) } == [
            "error: parameter 'token': the secret value does not match the pattern ^tok_"
        ])
    }
}
