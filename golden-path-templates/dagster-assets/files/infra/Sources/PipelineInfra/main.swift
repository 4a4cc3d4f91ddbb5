import Paved
import PavedCLI

// The {{name}} code location's infrastructure: the credentials it reads and the role it runs as.
let pipeline = Platform(
    "{{name}}", owner: "{{owner_email}}", team: "{{domain}}", tier: .tier{{tier}},
    classification: .{{classification}}
) {
    Secret("{{name}}/alert-webhook", description: "Incoming webhook the {{name}} failure sensor posts to")

    Role("{{name}}-runner", assumedBy: .service(.ecsTasks), description: "Runs the {{name}} Dagster code location") {
        Allow(.readSecret, on: "{{name}}/alert-webhook")
    }
}

await PavedCLI.main(platform: pipeline)
