import AcmeData
import Foundation
import Paved
import PavedCLI
import Testing

/// `synth` end to end: the example's own executable, as a user runs it.
@Suite struct SynthCommandTests {
    let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PavedTests/Resources/golden/acme-data")

    @Test func synthWritesEveryStackAndTheManifest() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        let result = try CLI.run("acme-platform", ["synth", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Synthesized platform acme-data into \(out.path)/\n"))
        for path in ["dev/main.tf.json", "prod/main.tf.json", "manifest.json"] {
            let written = try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
            let golden = try String(contentsOf: goldens.appendingPathComponent(path), encoding: .utf8)
            #expect(written == golden, "\(path) differs from its golden")
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.contains("paved-tmp") }
        #expect(leftovers == [])
    }

    @Test func checkReportsCleanThenDrift() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        #expect(try CLI.run("acme-platform", ["synth", "--out", out.path]).status == 0)

        let clean = try CLI.run("acme-platform", ["synth", "--out", out.path, "--check"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "No drift: \(out.path) matches the platform (3 files).\n")

        let dev = out.appendingPathComponent("dev/main.tf.json")
        try "{}\n".write(to: dev, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: out.appendingPathComponent("manifest.json"))
        let drift = try CLI.run("acme-platform", ["synth", "--out", out.path, "--check"])
        #expect(drift.status == 1)
        #expect(drift.stdout == """
            Drift: 2 files in \(out.path) differ from the platform:
              dev/main.tf.json: would change
              manifest.json: missing
            Run `synth` to update them.

            """)
        #expect(try String(contentsOf: dev, encoding: .utf8) == "{}\n", "--check must not write")
    }

    @Test func unknownEnvironmentListsTheDeclaredOnes() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let result = try CLI.run("acme-platform", ["synth", "--out", out.path, "--env", "staging"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: unknown environment 'staging'; platform 'acme-data' declares: dev, prod\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func envWritesOnlyThatStack() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let result = try CLI.run("acme-platform", ["synth", "--out", out.path, "--env", "prod"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("prod/main.tf.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("dev/main.tf.json").path))
    }

    @Test func unwritableOutputIsAnErrorAndLeavesEarlierOutputIntact() throws {
        let dir = try CLI.temporaryDirectory()
        let blocker = dir.appendingPathComponent("not-a-folder")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let result = try CLI.run("acme-platform", ["synth", "--out", blocker.appendingPathComponent("out").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: cannot write to \(blocker.path)/out: "))

        // An earlier good output stays as it was when a later run fails.
        let out = dir.appendingPathComponent("out")
        #expect(try CLI.run("acme-platform", ["synth", "--out", out.path]).status == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("dev/main.tf.json"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("prod"))
        try "x".write(to: out.appendingPathComponent("prod"), atomically: true, encoding: .utf8)  // prod/ cannot be created
        let failed = try CLI.run("acme-platform", ["synth", "--out", out.path])
        #expect(failed.status == 2)
        #expect(try Data(contentsOf: out.appendingPathComponent("dev/main.tf.json")) == before)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.contains("paved-tmp") }
        #expect(leftovers == [])
    }

    @Test func pavedWithoutAPlatformExplainsHowToGetOne() throws {
        let result = try CLI.run("paved", ["synth"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: `synth` needs a platform, and this executable has none."))
        #expect(result.stderr.contains("await PavedCLI.main(platform: myPlatform)"))
    }

    @Test func versionAndUsageErrors() throws {
        let version = try CLI.run("paved", ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "\(Manifest.pavedVersion)\n")
        let bad = try CLI.run("paved", ["synth", "--no-such-flag"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Unknown option '--no-such-flag'"))
    }

    @Test func invalidPlatformWritesNothingAndPrintsEveryError() async throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let broken = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Bucket("Bad Name")
            Role("etl", assumedBy: .service(.glue)) { Allow(.read, on: "nope") }
        }
        let status = try await runInProcess(broken, ["synth", "--out", out.path])
        #expect(status == 2)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func staleStacksOfRemovedEnvironmentsAreDeleted() async throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let two = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Environment(.stage, aws: .account("111111111111", region: "eu-west-1"))
            Bucket("raw")
        }
        let one = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Bucket("raw")
        }
        #expect(try await runInProcess(two, ["synth", "--out", out.path]) == 0)
        let lock = out.appendingPathComponent("dev/.terraform.lock.hcl")
        try "# lock".write(to: lock, atomically: true, encoding: .utf8)
        #expect(try await runInProcess(one, ["synth", "--out", out.path, "--check"]) == 1)
        #expect(try await runInProcess(one, ["synth", "--out", out.path]) == 0)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("stage/main.tf.json").path))
        #expect(FileManager.default.fileExists(atPath: lock.path), "files Terraform keeps beside the stack stay")
    }
}

/// A team's own construct that writes an attribute the provider does not have.
struct MisspelledBucket: Construct {
    var kind: String { "misspelled bucket" }
    var name = "typo"
    var location: PavedTerraform.SourceLocation
    var waivers: [Waiver] = []

    init(line: UInt = #line) {
        location = PavedTerraform.SourceLocation(fileID: #fileID, filePath: #filePath, line: line)
    }

    func lower(into context: inout SynthesisContext) {
        context.add("aws_s3_bucket", "typo", ["bukket": "acme-typo", "tags": context.tags(metadata)], for: self)
    }
}

@Suite struct SynthValidationTests {
    @Test func synthRefusesSchemaInvalidOutputAndNamesTheSwiftLine() async throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let line = #line + 3
        let platform = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            MisspelledBucket()
        }
        let result = try await captureStandardError {
            await PavedCLI.run(platform: platform, arguments: ["synth", "--out", out.path])
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("bukket"))
        #expect(result.stderr.contains("PavedCLITests/SynthCommandTests.swift:\(line)"))
        #expect(result.stderr.contains("synth refused: 1 schema error in the synthesized Terraform; nothing was written"))
        // The policy gate ran alongside validation, but its result is reported only for valid output.
        #expect(!result.stderr.contains("policy:"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func everyStackIsValidatedAndReportedInStackOrder() async throws {
        // Stacks are rendered and validated concurrently; the report keeps the platform's order.
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let platform = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Environment(.prod, aws: .account("222222222222", region: "eu-west-1"))
            MisspelledBucket()
        }
        let result = try await captureStandardError {
            await PavedCLI.run(platform: platform, arguments: ["synth", "--out", out.path])
        }
        #expect(result.status == 1)
        let dev = try #require(result.stderr.range(of: "dev/main.tf.json:"))
        let prod = try #require(result.stderr.range(of: "prod/main.tf.json:"))
        #expect(dev.lowerBound < prod.lowerBound)
        #expect(result.stderr.contains("synth refused: 2 schema errors in the synthesized Terraform; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

/// Runs `body` with standard error redirected to a file, and returns what it wrote.
///
/// Standard error is one per process and tests run concurrently, so captures take turns (an
/// async lock); a file, unlike a pipe, never blocks a writer that has more to say than a pipe holds.
/// Runs the CLI in this process, its standard error captured and dropped: in-process runs take
/// turns with the tests that capture standard error, which would otherwise read their messages.
func runInProcess(_ platform: Platform, _ arguments: [String]) async throws -> Int32 {
    try await captureStandardError { await PavedCLI.run(platform: platform, arguments: arguments) }.status
}

func captureStandardError(_ body: () async -> Int32) async throws -> (status: Int32, stderr: String) {
    await StandardErrorCapture.shared.acquire()
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("paved-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
    let saved = dup(STDERR_FILENO)
    let fd = open(file.path, O_WRONLY)
    dup2(fd, STDERR_FILENO)
    let status = await body()
    dup2(saved, STDERR_FILENO)
    close(saved)
    close(fd)
    await StandardErrorCapture.shared.release()
    let data = try Data(contentsOf: file)
    try? FileManager.default.removeItem(at: file)
    return (status, String(decoding: data, as: UTF8.self))
}

/// An async lock: one capture of standard error at a time.
actor StandardErrorCapture {
    static let shared = StandardErrorCapture()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
