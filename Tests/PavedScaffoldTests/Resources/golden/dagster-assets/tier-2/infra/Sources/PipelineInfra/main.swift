import Paved
import PavedCLI

// The web_events code location's infrastructure: the credentials it reads and the role it runs as.
let pipeline = Platform(
    "web-events", owner: "web@acme.io", team: "marketing", tier: .tier2,
    classification: .internal
) {
    Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
    Environment(.prod, aws: .account("222222222222", region: "eu-west-1"))

    Secret("web-events/alert-webhook", description: "Incoming webhook the web_events failure sensor posts to")

    Role("web-events-runner", assumedBy: .service(.ecsTasks), description: "Runs the web_events Dagster code location") {
        Allow(.readSecret, on: "web-events/alert-webhook")
    }
}

await PavedCLI.main(platform: pipeline)
