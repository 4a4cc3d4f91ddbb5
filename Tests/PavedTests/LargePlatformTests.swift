import Paved
import PavedTerraform
import PavedTesting
import Testing

/// A team's construct that adds raw blocks referring to other constructs' blocks.
private struct Link: Construct {
    var kind: String { "link" }
    var name: String
    var target: String
    var location = PavedTerraform.SourceLocation(file: "Infra/Links.swift", line: 7)
    var waivers: [Waiver] = []

    func lower(into context: inout SynthesisContext) {
        let target = ResourceAddress.resource("terraform_data", target)
        context.add("terraform_data", name, ["input": .ref(target, "id"), "triggers_replace": [.variable("region")]], for: self)
    }
}

/// Large platforms lower and render in parallel chunks; the bytes must not depend on that.
@Suite struct LargePlatformTests {
    static func platform(units: Int) -> Platform {
        Platform("big", owner: "o@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
            LogBucket("logs")
            for i in 0..<units {
                Bucket("unit-\(i)") { Retention(expireAfter: .days(400), archiveAfter: .days(90)) }
                Secret("unit-\(i)/token")
                Role("unit-\(i)-job", assumedBy: .service(.glue)) {
                    Allow(.read, on: "unit-\(i)")
                    Allow(.readSecret, on: "unit-\(i)/token")
                }
            }
        }
    }

    @Test func parallelSynthesisIsDeterministicAndMatchesTheSequentialRenderer() throws {
        let platform = Self.platform(units: 400)  // 1,201 constructs, ~7,000 resources: several chunks
        let first = Synthesizer().synthesize(platform)
        let second = Synthesizer().synthesize(platform)
        #expect(first.diagnostics == [])
        let a = try #require(first.stacks.first?.configuration)
        let b = try #require(second.stacks.first?.configuration)
        #expect(a == b)
        // Blocks from every chunk, each once, in address order.
        let addresses = a.resources.map(\.address)
        #expect(addresses == addresses.sorted())
        #expect(Set(addresses).count == addresses.count)
        // As many as lowering one construct at a time gives (small platforms lower in one chunk).
        let one = Synthesizer().synthesize(Self.platform(units: 1)).stacks.first?.configuration.resources.count ?? 0
        let two = Synthesizer().synthesize(Self.platform(units: 2)).stacks.first?.configuration.resources.count ?? 0
        #expect(addresses.count == one + 399 * (two - one))
        let streamed = TerraformRenderer().render(a)
        #expect(streamed == TerraformRenderer().render(b))
        #expect(streamed == JSONWriter().render(TerraformRenderer().json(a)))
    }

    /// References recorded while chunks lower, and resolved after the blocks are sorted, find what
    /// walking the sorted blocks finds: a cycle through blocks of many chunks, dangling references
    /// and undeclared variables.
    @Test func referencesRecordedInChunksAreCheckedAsTheWalkChecksThem() throws {
        let platform = Platform("big", owner: "o@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
            for i in 0..<1_000 {
                Link(name: "l\(i)", target: i % 250 == 7 ? "gone\(i)" : "l\(i * 37 % 1_000)")
            }
        }
        let synthesis = Synthesizer().synthesize(platform)
        let configuration = try #require(synthesis.stacks.first?.configuration)
        let walked = ConfigurationChecker().check(configuration)
        #expect(synthesis.diagnostics == walked)
        #expect(walked.filter { $0.message.hasPrefix("reference cycle") }.count == 26)
        #expect(walked.filter { $0.message.hasSuffix("which is not declared") }.map(\.message) == [
            "terraform_data.l257 refers to terraform_data.gone257, which is not declared",
            "terraform_data.l507 refers to terraform_data.gone507, which is not declared",
            "terraform_data.l7 refers to terraform_data.gone7, which is not declared",
            "terraform_data.l757 refers to terraform_data.gone757, which is not declared",
        ])
        #expect(walked.filter { $0.message.hasSuffix("undeclared variable var.region") }.count == 1_000)
    }

    @Test func diagnosticsFromEveryChunkAreReportedInDeclarationOrder() {
        let platform = Platform("big", owner: "o@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
            for i in 0..<600 {
                Role("r-\(i)", assumedBy: .service(.glue)) { Allow(.read, on: "missing-\(i % 3 == 0 ? i : 0)") }
            }
        }
        let messages = Synthesizer().synthesize(platform).diagnostics.map(\.message)
        #expect(messages.count == 200)
        #expect(messages.first == "no construct named 'missing-0' in platform 'big'")
        #expect(messages.last == "no construct named 'missing-597' in platform 'big'")
    }
}
