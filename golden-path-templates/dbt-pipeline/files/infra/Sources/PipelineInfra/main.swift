import Paved
import PavedCLI

// The {{name}} pipeline's infrastructure: the credentials it reads and the role it runs as.
// Its warehouse schema is `{{name}}` (profiles.yml); the schema's grants go to the role below.
let pipeline = Platform(
    "{{kebabcased(name)}}", owner: "{{owner_email}}", team: "{{domain}}", tier: .tier{{tier}},
    classification: .{{classification}}
) {
    Environment(.dev, aws: .account("{{aws_account_dev}}", region: "{{aws_region}}"))
    Environment(.prod, aws: .account("{{aws_account_prod}}", region: "{{aws_region}}"))

    Secret("{{kebabcased(name)}}/{{warehouse}}-credentials",
           description: "Credentials of the {{name}} transform user on {{warehouse}}")

    Role("{{kebabcased(name)}}-transform", assumedBy: .service(.airflow),
         description: "Runs dbt build for {{name}}") {
        Allow(.readSecret, on: "{{kebabcased(name)}}/{{warehouse}}-credentials")
    }
}

await PavedCLI.main(platform: pipeline)
