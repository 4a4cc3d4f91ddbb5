import Foundation

import PavedScaffold

// Times `paved scaffold` for each shipped template: load the template from disk, validate the
// answers, render in memory, create the repository through libgit2 (init, blobs, trees, commit,
// tag, checkout) and move it into place. Prints the median of several runs per template.
//
// Usage: scaffold-bench [--runs N] [--templates DIR]

var runs = 15
var templatesArgument: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs": runs = arguments.popFirst().flatMap { Int($0) } ?? runs
    case "--templates": templatesArgument = arguments.popFirst()
    default:
        FileHandle.standardError.write(Data("usage: scaffold-bench [--runs N] [--templates DIR]\n".utf8))
        exit(2)
    }
}

let accounts = ["aws_account_dev=111111111111", "aws_account_prod=222222222222"]
let answers: [String: [String]] = [
    "dbt-pipeline": ["name=orders", "owner=@acme/data-eng", "owner_email=data-eng@acme.io", "tier=1", "pagerduty_service=P1A2B3C"] + accounts,
    "airflow-pipeline": ["name=payments_sync", "owner=@acme/payments", "owner_email=payments@acme.io", "tier=2"] + accounts,
    "dagster-assets": ["name=web_events", "owner=@acme/web", "owner_email=web@acme.io"] + accounts,
]

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

do {
    let library = try TemplateLibrary.locate(
        explicit: templatesArgument, environment: ProcessInfo.processInfo.environment,
        currentDirectory: FileManager.default.currentDirectoryPath)
    let author = CommitSignature(name: "Bench", email: "bench@example.com", time: 1_738_324_800)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-bench-\(getpid())").path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }

    print("scaffold-bench: \(runs) runs per template (after one warm-up), templates from \(library.root)")
    print("template            files  render median  scaffold+commit median  min      max")
    for name in try library.templateNames() {
        let given = try GivenAnswer.fromFlags(answers[name] ?? [])
        var renderTimes: [Double] = []
        var totalTimes: [Double] = []
        var fileCount = 0
        var commits: Set<String> = []
        for run in 0...runs {
            let render = try milliseconds {
                let source = try library.load(name)
                let resolved = try AnswerResolver.resolve(given, for: source.manifest)
                fileCount = try TemplateRenderer.render(source, answers: resolved).count
            }
            let target = "\(scratch)/\(name)-\(run)"
            let total = try milliseconds {
                let source = try library.load(name)
                let result = try Scaffolder.scaffold(source, given: given, into: target, author: author)
                commits.insert(result.commit ?? "")
            }
            try FileManager.default.removeItem(atPath: target)
            if run > 0 {
                renderTimes.append(render)
                totalTimes.append(total)
            }
        }
        let line = [
            name.padding(toLength: 18, withPad: " ", startingAt: 0),
            String(fileCount).leftPad(6),
            String(format: "%10.2f ms", median(renderTimes)),
            String(format: "%19.2f ms", median(totalTimes)),
            String(format: "%6.2f ms", totalTimes.min() ?? 0),
            String(format: "%6.2f ms", totalTimes.max() ?? 0),
        ]
        print(line.joined(separator: "  ") + (commits.count == 1 ? "" : "  (commit ids differ!)"))
    }
} catch {
    FileHandle.standardError.write(Data("scaffold-bench: \(error)\n".utf8))
    exit(1)
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
