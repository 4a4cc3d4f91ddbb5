import Foundation
import Testing

/// `paved modules export` end to end, as a plain-Terraform team's CI runs it.
@Suite struct ModulesCommandTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("modules")
    static let names = ["bigquery-dataset", "redshift-serverless", "s3-bucket", "secret", "snowflake-warehouse"]

    @Test func exportWritesTheCommittedModules() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("modules")
        let result = try CLI.run("paved", ["modules", "export", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Exported 5 modules into \(out.path)/
              bigquery-dataset     →  \(out.path)/bigquery-dataset/
              redshift-serverless  →  \(out.path)/redshift-serverless/
              s3-bucket            →  \(out.path)/s3-bucket/
              secret               →  \(out.path)/secret/
              snowflake-warehouse  →  \(out.path)/snowflake-warehouse/
              index                →  \(out.path)/README.md

            """)
        for name in Self.names {
            for file in ["main.tf.json", "variables.tf.json", "outputs.tf.json", "README.md"] {
                let path = "\(name)/\(file)"
                let written = try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
                let committed = try String(contentsOf: Self.committed.appendingPathComponent(path), encoding: .utf8)
                #expect(written == committed, "\(path) differs from modules/ (run `make modules`)")
            }
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.contains("paved-tmp") }
        #expect(leftovers == [])
    }

    /// The committed modules/ is up to date, checked the way CI would.
    @Test func checkOnTheCommittedModulesIsClean() throws {
        let result = try CLI.run("paved", ["modules", "export", "--check", "--out", Self.committed.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout == "No drift: \(Self.committed.path) matches the exported modules (21 files).\n")
    }

    @Test func checkListsDriftAndWritesNothing() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("modules")
        #expect(try CLI.run("paved", ["modules", "export", "--out", out.path]).status == 0)
        let main = out.appendingPathComponent("secret/main.tf.json")
        try "{}\n".write(to: main, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: out.appendingPathComponent("s3-bucket/README.md"))
        let drift = try CLI.run("paved", ["modules", "export", "--out", out.path, "--check"])
        #expect(drift.status == 1)
        #expect(drift.stdout == """
            Drift: 2 files in \(out.path) differ from the exported modules:
              s3-bucket/README.md: missing
              secret/main.tf.json: would change
            Run `paved modules export` (or `make modules`) to update them.

            """)
        #expect(try String(contentsOf: main, encoding: .utf8) == "{}\n", "--check must not write")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("s3-bucket/README.md").path))
        // Writing again repairs both and leaves files it does not own alone.
        let own = out.appendingPathComponent("secret/terraform.tfvars")
        try "x = 1\n".write(to: own, atomically: true, encoding: .utf8)
        #expect(try CLI.run("paved", ["modules", "export", "--out", out.path]).status == 0)
        #expect(try CLI.run("paved", ["modules", "export", "--out", out.path, "--check"]).status == 0)
        #expect(try String(contentsOf: own, encoding: .utf8) == "x = 1\n")
    }

    /// `paved validate` accepts every exported module (its three files are one Terraform module).
    @Test func exportedModulesValidate() throws {
        let result = try CLI.run("paved", ["validate"] + Self.names.map { Self.committed.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// The built-in policy packs pass on every module, and each README explains exactly the rules
    /// that report findings on it.
    @Test func policyPacksPassAndTheReadmesExplainTheFindings() throws {
        for name in Self.names {
            let directory = Self.committed.appendingPathComponent(name)
            let result = try CLI.run("paved", ["check", directory.path, "--format", "json"])
            #expect(result.status == 0, "\(name): \(result.stdout)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let findings = try #require(report["findings"] as? [[String: Any]])
            let rules = Set(findings.compactMap { $0["rule"] as? String })
            let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
            let section = readme.components(separatedBy: "## Policy checks").last ?? ""
            let explained = Set(section.split(separator: "\n").filter { $0.hasPrefix("- `") }.compactMap {
                $0.dropFirst(3).split(separator: "`").first.map(String.init)
            })
            #expect(rules == explained, "\(name): findings \(rules.sorted()), README explains \(explained.sorted())")
        }
    }

    @Test func helpDescribesTheCommand() throws {
        let result = try CLI.run("paved", ["modules", "export", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: paved modules export [--out <DIR>] [--check]"))
        #expect(result.stdout.contains("Exit codes: 0 ok; 1 drift (--check)"))
        let group = try CLI.run("paved", ["--help"])
        #expect(group.stdout.contains("modules"))
    }

    @Test func usageAndWriteErrorsExitTwo() throws {
        let unknown = try CLI.run("paved", ["modules", "export", "--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Unknown option '--bogus'"))

        let file = try CLI.temporaryDirectory().appendingPathComponent("not-a-folder")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let unwritable = try CLI.run("paved", ["modules", "export", "--out", file.path])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("error: cannot write to \(file.path)"))
    }
}
