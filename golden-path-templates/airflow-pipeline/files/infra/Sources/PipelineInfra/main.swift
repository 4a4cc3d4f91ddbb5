import Paved
import PavedCLI

// The {{name}} pipeline's infrastructure: the credentials its tasks read and the role they run as.
let pipeline = Platform(
    "{{name}}", owner: "{{owner_email}}", team: "{{domain}}", tier: .tier{{tier}},
    classification: .{{classification}}
) {
    Secret("{{name}}/alert-webhook", description: "Incoming webhook the {{name}} failure hooks post to")
{{#tier_is.1}}
    Secret("{{name}}/pagerduty-routing-key", description: "PagerDuty Events API routing key for {{pagerduty_service}}")
{{/tier_is.1}}

    Role("{{name}}-tasks", assumedBy: .service(.airflow), description: "Runs the {{name}} DAG's tasks") {
        Allow(.readSecret, on: "{{name}}/alert-webhook")
{{#tier_is.1}}
        Allow(.readSecret, on: "{{name}}/pagerduty-routing-key")
{{/tier_is.1}}
    }
}

await PavedCLI.main(platform: pipeline)
