@testable import Paved
import PavedTerraform
import Testing

/// A team's construct written as a class hierarchy.
private class Notice: Construct, @unchecked Sendable {
    var kind: String { "notice" }
    let name: String
    let location = PavedTerraform.SourceLocation(file: "Infra/Notices.swift", line: 3)
    var waivers: [Waiver] = []

    init(_ name: String) { self.name = name }

    func lower(into context: inout SynthesisContext) {}
}

private final class UrgentNotice: Notice, @unchecked Sendable {}

@Suite struct SynthesisContextTests {
    /// `constructs(of:)` finds constructs by their own type, exactly: a subclass instance declared
    /// as its superclass is one of the subclass's, and not one of the superclass's.
    @Test func constructsOfATypeAreThoseOfExactlyThatType() {
        let upcast: Notice = UrgentNotice("urgent")
        let platform = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Notice("plain")
            upcast
            Bucket("raw")
            UrgentNotice("direct")
        }
        let context = SynthesisContext(platform: platform, environment: platform.environments[0], constructs: [:])
        #expect(context.constructs(of: Notice.self).map(\.name) == ["plain"])
        #expect(context.constructs(of: UrgentNotice.self).map(\.name) == ["urgent", "direct"])
        #expect(context.constructs(of: Bucket.self).map(\.name) == ["raw"])
    }

    /// Lowering records every block it adds, in chunks on every core too: the checker then uses
    /// the record instead of walking the blocks (it would fall back to the walk, silently, for a
    /// record of another length).
    @Test func everyLoweredBlockIsRecorded() {
        for units in [1, 200] {  // one chunk, and several
            let platform = Platform("acme", owner: "o@acme.io") {
                Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
                for i in 0..<units {
                    Bucket("b-\(i)")
                    Role("r-\(i)", assumedBy: .service(.glue)) { Allow(.read, on: "b-\(i)") }
                }
            }
            let byName = Dictionary(uniqueKeysWithValues: platform.constructs.map { ($0.name, $0) })
            let base = SynthesisContext(platform: platform, environment: platform.environments[0], constructs: byName)
            var context = Synthesizer().lower(platform.constructs, into: base)
            #expect(context.diagnostics == [])
            let (resources, references) = context.takeResources()
            #expect(resources.count > 10 * units)
            #expect(references.count == resources.count, "\(units) units")
        }
    }
}
