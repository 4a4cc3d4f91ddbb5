import Paved
import PavedCLI

// The payments_sync pipeline's infrastructure: the credentials its tasks read and the role they run as.
let pipeline = Platform(
    "payments-sync", owner: "payments@acme.io", team: "analytics", tier: .tier1,
    classification: .restricted
) {
    Environment(.dev, aws: .account("111111111111", region: "us-east-1"))
    Environment(.prod, aws: .account("222222222222", region: "us-east-1"))

    Secret("payments-sync/alert-webhook", description: "Incoming webhook the payments_sync failure hooks post to")
    Secret("payments-sync/pagerduty-routing-key", description: "PagerDuty Events API routing key for PQRS123")

    Role("payments-sync-tasks", assumedBy: .service(.airflow), description: "Runs the payments_sync DAG's tasks") {
        Allow(.readSecret, on: "payments-sync/alert-webhook")
        Allow(.readSecret, on: "payments-sync/pagerduty-routing-key")
    }
}

await PavedCLI.main(platform: pipeline)
