import AcmeData
import Foundation
import Paved
import PavedCLI
import Testing

/// `check` and the policy gate in `synth`, end to end.
@Suite(.serialized) struct CheckCommandTests {
    let dev = Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))

    @Test func examplePassesTheBuiltInPacksWithItsWaivers() throws {
        let result = try CLI.run("acme-platform", ["check"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASSED: 437 resources checked against"))
        #expect(result.stdout.contains("no findings; 4 waived."))
        #expect(result.stdout.contains("[SEC-SM-002] aws_secretsmanager_secret.partner_api_token (dev): waived until 2027-06-30 by ingestion@acme.io"))
        #expect(!result.stderr.contains("matched no finding"))
    }

    @Test func aWaiverThatMatchesNothingIsOneWarningAtItsLine() async throws {
        let line = #line + 4
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("raw")
                .waive("SEC-SM-002", reason: "Nothing to waive here, this is a test case", owner: "o@acme.io", expires: "2099-01-01")
        }
        let report = try CLI.temporaryDirectory().appendingPathComponent("report.json").path
        let result = try await captureStandardError {
            await PavedCLI.run(platform: platform, arguments: ["check", "--format", "json", "--output", report])
        }
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("matched no finding") }
        #expect(warnings == ["PavedCLITests/CheckCommandTests.swift:\(line): warning: waiver for SEC-SM-002 on aws_kms_alias.bucket_raw matched no finding; remove it if the finding is fixed"])
    }

    @Test func softMandatoryFindingsFailAtTheThresholdAndPointAtTheSwiftLine() async throws {
        let line = #line + 3
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Secret("api/token")
        }
        let dir = try CLI.temporaryDirectory()
        let sarif = dir.appendingPathComponent("paved.sarif")
        let medium = try await runInProcess(platform, ["check", "--fail-on", "medium", "--format", "sarif", "--output", sarif.path])
        #expect(medium == 1)
        let text = try String(contentsOf: sarif, encoding: .utf8)
        #expect(text.contains("\"ruleId\": \"SEC-SM-002\""))
        #expect(text.contains("\"startLine\": \(line)"))
        let high = try await runInProcess(platform, ["check", "--fail-on", "high", "--format", "json", "--output", dir.appendingPathComponent("high.json").path])
        #expect(high == 0)
    }

    /// `--output` replaces a regular file atomically, but follows a symlink to its target and writes
    /// a pipe or device in place: replacing `/dev/stdout` or a FIFO with a regular file breaks the
    /// caller (and, for `/dev/null`, the whole machine).
    @Test func outputFollowsSymlinksAndWritesPipesInPlace() async throws {
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("raw")
        }
        let dir = try CLI.temporaryDirectory()
        let target = dir.appendingPathComponent("report.json")
        let link = dir.appendingPathComponent("latest.json")
        try Data().write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try await runInProcess(platform, ["check", "--format", "json", "--output", link.path]) == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("{"))

        let fifo = dir.appendingPathComponent("pipe")
        let copy = dir.appendingPathComponent("from-pipe.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo.path, copy.path]
        try reader.run()
        let status = try await runInProcess(platform, ["check", "--format", "json", "--output", fifo.path])
        var info = stat()
        let stillAPipe = lstat(fifo.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
        #expect(stillAPipe, "the FIFO was replaced by a regular file")
        if !stillAPipe { reader.terminate() }
        reader.waitUntilExit()
        #expect(status == 0)
        #expect(try String(contentsOf: copy, encoding: .utf8).hasPrefix("{"))
    }

    @Test func checkOnFilesFromDiskAndBadInput() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        #expect(try CLI.run("acme-platform", ["synth", "--out", out.path]).status == 0)
        // The written stacks carry their waivers, so plain `paved` passes them too.
        let disk = try CLI.run("paved", ["check", out.path])
        #expect(disk.status == 0, "\(disk.stdout)\(disk.stderr)")
        #expect(disk.stdout.contains("4 waived"))

        let bad = dir.appendingPathComponent("bad.tf.json")
        try "{\"resource\": {\"aws_s3_bucket\": {\"x\": {\"bucket\": \"x\",}}}}".write(to: bad, atomically: true, encoding: .utf8)
        let malformed = try CLI.run("paved", ["check", bad.path])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("bad.tf.json:1:"))

        let missing = try CLI.run("paved", ["check", dir.appendingPathComponent("nope").path])
        #expect(missing.status == 2)
    }

    @Test func synthStopsOnAnUnknownRuleInADSLWaiver() async throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let line = #line + 4
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("raw")
                .waive("SEC-S3-9999", reason: "A rule that does not exist at all here", owner: "o@acme.io", expires: "2099-01-01")
        }
        let result = try await captureStandardError {
            await PavedCLI.run(platform: platform, arguments: ["synth", "--out", out.path])
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("PavedCLITests/CheckCommandTests.swift:\(line): error: waiver names unknown rule 'SEC-S3-9999' (did you mean"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func policiesListAndExplain() throws {
        let list = try CLI.run("paved", ["policies", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("SEC-SM-002"))
        let explain = try CLI.run("paved", ["policies", "explain", "SEC-SM-002"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("Secrets Manager secrets rotate at least every 90 days"))
        let unknown = try CLI.run("paved", ["policies", "explain", "SEC-SM-00"])
        #expect(unknown.status == 2)
    }
}
