import Paved
import PavedCLI

// The {{name}} pipeline's infrastructure: the credentials its tasks read and the role they run as.
let pipeline = Platform(
    "{{kebabcased(name)}}", owner: "{{owner_email}}", team: "{{domain}}", tier: .tier{{tier}},
    classification: .{{classification}}
) {
    Environment(.dev, aws: .account("{{aws_account_dev}}", region: "{{aws_region}}"))
    Environment(.prod, aws: .account("{{aws_account_prod}}", region: "{{aws_region}}"))

    Secret("{{kebabcased(name)}}/alert-webhook", description: "Incoming webhook the {{name}} failure hooks post to")
{{#tier_is.1}}
    Secret("{{kebabcased(name)}}/pagerduty-routing-key", description: "PagerDuty Events API routing key for {{pagerduty_service}}")
{{/tier_is.1}}

    Role("{{kebabcased(name)}}-tasks", assumedBy: .service(.airflow), description: "Runs the {{name}} DAG's tasks") {
        Allow(.readSecret, on: "{{kebabcased(name)}}/alert-webhook")
{{#tier_is.1}}
        Allow(.readSecret, on: "{{kebabcased(name)}}/pagerduty-routing-key")
{{/tier_is.1}}
    }
}

await PavedCLI.main(platform: pipeline)
