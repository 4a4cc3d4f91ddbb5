import Foundation
import Paved
import PavedCLI
import PavedPolicy

// `make bench`: synthesis and policy evaluation for platforms of N data-product units.
// One unit = Bucket + Retention + Secret + Role reading and writing the bucket and reading the
// secret: 17 Terraform blocks (13 resources, 4 data sources).
// Prints a table for people and one `bench …` line per N for tracking over time.
//
// `synth_cli_ms` is `paved synth --out DIR` end to end, as a team's executable runs it: synthesize,
// render, validate against the provider schemas, the policy gate, and the atomic write.
// `paved-bench --synth-only N` synthesizes and renders N units once, prints the two times, and exits;
// `paved-bench --cli-only N` runs `paved synth --out DIR` once, as `PavedCLI.main` does (the table runs
// it in a fresh process per run): both for profilers (`perf record`) and back-to-back comparisons of
// two builds in fresh processes.

func platform(units: Int) -> Platform {
    Platform("bench", owner: "bench@acme.io") {
        Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
        for i in 0..<units {
            Bucket("unit-\(i)", classification: .confidential) {
                Retention(expireAfter: .days(400), archiveAfter: .days(90))
            }
            Secret("unit-\(i)/token")
            Role("unit-\(i)-job", assumedBy: .service(.glue)) {
                Allow(.read, on: "unit-\(i)")
                Allow(.write, on: "unit-\(i)")
                Allow(.readSecret, on: "unit-\(i)/token")
            }
        }
    }
}

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

/// `paved synth` for `units` units, timed by `paved-bench --cli-only` in a process of its own.
func cliMilliseconds(units: Int) -> Double {
    let process = Process()
    process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["--cli-only", String(units)]
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        fail("cannot run paved-bench --cli-only: \(error)")
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0, let field = output.split(separator: " ").first(where: { $0.hasPrefix("synth_cli_ms=") }),
        let ms = Double(field.dropFirst("synth_cli_ms=".count).trimmingCharacters(in: .whitespacesAndNewlines))
    else { fail("paved-bench --cli-only \(units) failed: \(output)") }
    return ms
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("paved-bench: \(message)\n".utf8))
    exit(1)
}

/// Runs `body` with standard output and error sent to /dev/null (the CLI prints its summary and findings).
func silenced<T>(_ body: () async throws -> T) async rethrows -> T {
    fflush(nil)
    let out = dup(1), err = dup(2), null = open("/dev/null", O_WRONLY)
    dup2(null, 1)
    dup2(null, 2)
    defer {
        fflush(nil)
        dup2(out, 1)
        dup2(err, 2)
        close(out)
        close(err)
        close(null)
    }
    return try await body()
}

PavedCLI.prepareProcess()  // as `paved` and a team's executable run (`PavedCLI.main`)
let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let ns = sizes.isEmpty ? [100, 1_000, 10_000] : sizes
if CommandLine.arguments.contains("--synth-only") {
    var kept: [Synthesis?] = []  // freed by the exit, as `paved synth` leaves them (and untimed either way)
    for n in ns {
        let p = platform(units: n)
        var synthesis: Synthesis?
        let lowerMs = milliseconds { synthesis = Synthesizer().synthesize(p) }
        var bytes = 0
        let renderMs = milliseconds {
            bytes = synthesis?.stacks.reduce(0) { $0 + TerraformRenderer().renderBytes($1.configuration).count } ?? 0
        }
        print(String(format: "synth-only units=%d lower_ms=%.1f render_ms=%.1f bytes=%d", n, lowerMs, renderMs, bytes))
        kept.append(synthesis)
    }
    exit(0)
}
if CommandLine.arguments.contains("--cli-only") {
    for n in ns {
        let p = platform(units: n)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("paved-bench-cli-\(getpid())-\(n)").path
        let start = DispatchTime.now().uptimeNanoseconds
        // As `PavedCLI.main` runs it: the process exits right after the command.
        let code = await silenced {
            await PavedCLI.$exitsAfterCommand.withValue(true) { await PavedCLI.run(platform: p, arguments: ["synth", "--out", out]) }
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        try? FileManager.default.removeItem(atPath: out)
        if code != 0 { fail("paved synth exited \(code) for \(n) units") }
        print(String(format: "cli-only units=%d synth_cli_ms=%.1f", n, ms))
    }
    exit(0)
}
var lines: [String] = []
print("Paved benchmark: synthesis and policy (medians; the machine is shared and noisy)")
print("units  resources  synth_ms (lower + render)  resources/s  output_bytes  check_ms  check_disk_ms  validate_ms  peak_rss_mb  synth_cli_ms")
for n in ns {
    let p = platform(units: n)
    let runs = n >= 10_000 ? 3 : 5
    var lowerTimes: [Double] = []
    var renderTimes: [Double] = []
    var resources = 0
    var bytes = 0
    var last: Synthesis?
    for _ in 0..<runs {
        var synthesis: Synthesis?
        lowerTimes.append(milliseconds { synthesis = Synthesizer().synthesize(p) })
        guard let synthesis, !synthesis.diagnostics.hasErrors else {
            fail(synthesis?.diagnostics.map(\.description).joined(separator: "\n") ?? "no synthesis")
        }
        resources = synthesis.stacks.reduce(0) { $0 + $1.configuration.resources.count }
        renderTimes.append(milliseconds {
            bytes = synthesis.stacks.reduce(0) { $0 + TerraformRenderer().renderBytes($1.configuration).count }
        })
        last = synthesis
    }
    let lowerMs = median(lowerTimes), renderMs = median(renderTimes)
    let ms = median(zip(lowerTimes, renderTimes).map { $0 + $1 })
    guard let synthesis = last else { fail("no synthesis") }

    // Policy: every built-in rule over the synthesized stacks in memory, and over the same stacks
    // written to .tf.json and read back (parsing with positions included).
    let stacks = synthesis.stacks.map {
        PolicyGate.Stack(environment: $0.environment.rawValue, path: $0.path, configuration: $0.configuration)
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("paved-bench-\(getpid())-\(n)")
    var checkMs = 0.0, checkDiskMs = 0.0, validateMs = 0.0
    do {
        checkMs = try PolicyBenchmark.measureStacks(stacks, units: n, iterations: runs).medianTotal * 1000
        for stack in synthesis.stacks {
            let file = directory.appendingPathComponent(stack.path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(TerraformRenderer().renderBytes(stack.configuration)).write(to: file)
        }
        checkDiskMs = try PolicyBenchmark.measureDirectory(directory.path, units: n, iterations: runs).medianTotal * 1000
        // Schema validation of the written stacks, as `paved validate` runs it: parse with positions, validate.
        let validator = SchemaValidator(schemas: try ProviderSchemas.bundled())
        let files = synthesis.stacks.map { directory.appendingPathComponent($0.path).path }
        var validateTimes: [Double] = []
        for _ in 0..<runs {
            var errors = 0
            validateTimes.append(try milliseconds {
                for file in files {
                    let document = try JSONDocument.load(contentsOfFile: file)
                    errors += validator.validate(module: [document]).count { $0.severity == .error }
                }
            })
            if errors > 0 { fail("the benchmark platform's output has \(errors) schema errors") }
        }
        validateMs = median(validateTimes)
        try? FileManager.default.removeItem(at: directory)
    } catch {
        try? FileManager.default.removeItem(at: directory)
        fail("policy benchmark: \(error)")
    }
    let rss = peakRSSMegabytes()  // before the CLI runs, so the column means what it always has

    // `paved synth --out DIR` end to end, each run in a fresh process (`paved-bench --cli-only N`),
    // as a team's executable runs it once and exits.
    let cliTimes = (0..<runs).map { _ in cliMilliseconds(units: n) }
    let cliMs = median(cliTimes)
    try? FileManager.default.removeItem(at: directory)

    print(String(
        format: "%5d  %9d  %8.1f (%6.1f + %6.1f)  %11.0f  %12d  %8.1f  %13.1f  %11.1f  %11.1f  %12.1f", n, resources, ms, lowerMs,
        renderMs, Double(resources) / (ms / 1000), bytes, checkMs, checkDiskMs, validateMs, rss, cliMs))
    lines.append(String(
        format: "bench units=%d resources=%d synth_ms=%.1f bytes=%d check_ms=%.1f check_disk_ms=%.1f validate_ms=%.1f rss_mb=%.1f synth_cli_ms=%.1f",
        n, resources, ms, bytes, checkMs, checkDiskMs, validateMs, rss, cliMs))
}
for line in lines { print(line) }
