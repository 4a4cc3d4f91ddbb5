import Paved
import PavedCLI

// The web_events code location's infrastructure: the credentials it reads and the role it runs as.
let pipeline = Platform(
    "web_events", owner: "web@acme.io", team: "marketing", tier: .tier2,
    classification: .internal
) {
    Secret("web_events/alert-webhook", description: "Incoming webhook the web_events failure sensor posts to")

    Role("web_events-runner", assumedBy: .service(.ecsTasks), description: "Runs the web_events Dagster code location") {
        Allow(.readSecret, on: "web_events/alert-webhook")
    }
}

await PavedCLI.main(platform: pipeline)
