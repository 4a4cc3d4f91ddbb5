import Paved
import PavedCLI

// The orders pipeline's infrastructure: the credentials it reads and the role it runs as.
// Its warehouse schema is `orders` (profiles.yml); the schema's grants go to the role below.
let pipeline = Platform(
    "orders", owner: "data-eng@acme.io", team: "commerce", tier: .tier1,
    classification: .confidential
) {
    Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
    Environment(.prod, aws: .account("222222222222", region: "eu-west-1"))

    Secret("orders/snowflake-credentials",
           description: "Credentials of the orders transform user on snowflake")

    Role("orders-transform", assumedBy: .service(.airflow),
         description: "Runs dbt build for orders") {
        Allow(.readSecret, on: "orders/snowflake-credentials")
    }
}

await PavedCLI.main(platform: pipeline)
