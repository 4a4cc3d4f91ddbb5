import Paved
import PavedTesting
import Testing

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
