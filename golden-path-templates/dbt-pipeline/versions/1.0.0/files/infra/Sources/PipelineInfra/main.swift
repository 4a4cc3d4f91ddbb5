import Paved
import PavedCLI

// The {{name}} pipeline's infrastructure: the credentials it reads and the role it runs as.
// Its warehouse schema is `{{name}}` (profiles.yml); the schema's grants go to the role below.
let pipeline = Platform(
    "{{name}}", owner: "{{owner_email}}", team: "{{domain}}", tier: .tier{{tier}},
    classification: .{{classification}}
) {
    Secret("{{name}}/{{warehouse}}-credentials",
           description: "Credentials of the {{name}} transform user on {{warehouse}}")

    Role("{{name}}-transform", assumedBy: .service(.airflow),
         description: "Runs dbt build for {{name}}") {
        Allow(.readSecret, on: "{{name}}/{{warehouse}}-credentials")
    }
}

await PavedCLI.main(platform: pipeline)
