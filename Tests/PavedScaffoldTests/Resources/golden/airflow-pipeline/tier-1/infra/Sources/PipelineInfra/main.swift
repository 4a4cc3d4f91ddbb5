import Paved
import PavedCLI

// The payments_sync pipeline's infrastructure: the credentials its tasks read and the role they run as.
let pipeline = Platform(
    "payments_sync", owner: "payments@acme.io", team: "analytics", tier: .tier1,
    classification: .restricted
) {
    Secret("payments_sync/alert-webhook", description: "Incoming webhook the payments_sync failure hooks post to")
    Secret("payments_sync/pagerduty-routing-key", description: "PagerDuty Events API routing key for PQRS123")

    Role("payments_sync-tasks", assumedBy: .service(.airflow), description: "Runs the payments_sync DAG's tasks") {
        Allow(.readSecret, on: "payments_sync/alert-webhook")
        Allow(.readSecret, on: "payments_sync/pagerduty-routing-key")
    }
}

await PavedCLI.main(platform: pipeline)
