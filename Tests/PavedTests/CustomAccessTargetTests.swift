import Paved
import PavedTerraform
import Testing

/// A team's own construct that roles can be granted: it conforms to `AccessTarget` in its own
/// module, and Paved finds it through `Construct.accessTarget` (no dynamic cast).
struct Queue: AccessTarget {
    var kind: String { "queue" }
    var name: String
    var location: PavedTerraform.SourceLocation
    var waivers: [Waiver] = []

    init(_ name: String, line: UInt = #line) {
        self.name = name
        location = PavedTerraform.SourceLocation(fileID: #fileID, filePath: #filePath, line: line)
    }

    func lower(into context: inout SynthesisContext) {}

    var supportedIntents: [AccessIntent] { [.read] }

    func iamStatements(for intent: AccessIntent, context: SynthesisContext) -> [IAMStatement] {
        [IAMStatement(sid: "ReceiveFromQueue", actions: ["sqs:ReceiveMessage"], resources: ["arn:aws:sqs:eu-west-1:111111111111:\(name)"])]
    }
}

@Suite struct CustomAccessTargetTests {
    @Test func aTeamsOwnTargetIsFoundAndGranted() throws {
        #expect((Queue("q") as any Construct).accessTarget != nil)
        #expect((Role("r", assumedBy: .service(.glue)) {} as any Construct).accessTarget == nil)
        #expect((Bucket("b") as any Construct).accessTarget?.supportedIntents == [.read, .write])

        let line = #line + 5
        let platform = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Queue("q")
            Role("reader", assumedBy: .service(.glue)) { Allow(.read, on: "q") }
            Role("writer", assumedBy: .service(.glue)) { Allow(.write, on: "q") }
        }
        let synthesis = Synthesizer().synthesize(platform)
        #expect(synthesis.diagnostics.map(\.description) == [
            "CustomAccessTargetTests.swift:\(line): error: cannot grant .write on queue 'q': use .read",
        ].map { "PavedTests/" + $0 })
        let config = try #require(synthesis.stacks.first?.configuration)
        let policy = try #require(config.resources.first { $0.address == .data("aws_iam_policy_document", "reader_permissions") })
        #expect("\(policy.arguments)".contains("sqs:ReceiveMessage"))
    }
}
