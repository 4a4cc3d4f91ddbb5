import Paved
import PavedCLI

// The {{name}} code location's infrastructure: the credentials it reads and the role it runs as.
let pipeline = Platform(
    "{{kebabcased(name)}}", owner: "{{owner_email}}", team: "{{domain}}", tier: .tier{{tier}},
    classification: .{{classification}}
) {
    Environment(.dev, aws: .account("{{aws_account_dev}}", region: "{{aws_region}}"))
    Environment(.prod, aws: .account("{{aws_account_prod}}", region: "{{aws_region}}"))

    Secret("{{kebabcased(name)}}/alert-webhook", description: "Incoming webhook the {{name}} failure sensor posts to")

    Role("{{kebabcased(name)}}-runner", assumedBy: .service(.ecsTasks), description: "Runs the {{name}} Dagster code location") {
        Allow(.readSecret, on: "{{kebabcased(name)}}/alert-webhook")
    }
}

await PavedCLI.main(platform: pipeline)
