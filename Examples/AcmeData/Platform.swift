import Paved

/// Acme's data platform: the embedded example that `make run` synthesizes.
///
/// Two environments across AWS, Snowflake and Google Cloud: raw, curated and archive buckets with
/// different classifications and retentions; secrets for the warehouse and an ingestion API; roles
/// for the ingestion job (Glue) and the transform job (MWAA / Airflow); a Snowflake warehouse with
/// a credit budget, databases with Time Travel, access and functional roles and a key-pair service
/// user for dbt; a BigQuery dataset of marts for the BI tool.
public let acme = Platform(
    "acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2,
    classification: .internal, costCenter: "cc-4100"
) {
    Environment(
        .dev, aws: .account("111111111111", region: "eu-west-1"), gcp: .project("acme-data-dev", region: "europe-west1"),
        backend: .s3(bucket: "acme-terraform-state-dev", key: "acme-data/dev.tfstate", region: "eu-west-1"))
    Environment(
        .prod, aws: .account("222222222222", region: "eu-west-1"), gcp: .project("acme-data-prod", region: "europe-west1"),
        backend: .s3(bucket: "acme-terraform-state-prod", key: "acme-data/prod.tfstate", region: "eu-west-1"))

    LogBucket("access-logs", keepLogsFor: .days(365))

    Bucket("raw-events", classification: .confidential, tier: .tier1, owner: "ingestion@acme.io") {
        Retention(expireAfter: .days(400), archiveAfter: .days(90))
    }
    Bucket("curated", classification: .internal, tier: .tier1) {
        Retention(transitions: [.after(.days(60), to: .intelligentTiering)], noncurrentVersionsExpireAfter: .days(14))
    }
    Bucket("finance-archive", classification: .restricted, tier: .tier2, costCenter: "cc-7200") {
        Retention(expireAfter: .days(2555), transitions: [.after(.days(30), to: .glacierInstantRetrieval), .after(.days(180), to: .deepArchive)])
    }

    Secret("snowflake/etl-password", description: "Password of the Snowflake ETL service user",
           rotation: .every(.days(30), usingFunction: "snowflake-password-rotation"))
    Secret("partner-api/token", description: "Token for the partner events API")
        .waive(
            "SEC-SM-002", reason: "The partner issues this token and rotates it on their side; we update it when notified",
            owner: "ingestion@acme.io", expires: "2027-06-30")

    Role("ingest", assumedBy: .service(.glue), description: "Glue job that lands partner events") {
        Allow(.readSecret, on: "partner-api/token")
        Allow(.write, on: "raw-events")
    }
    Role("transform", assumedBy: .service(.airflow), description: "Airflow tasks that build curated tables") {
        Allow(.read, on: "raw-events")
        Allow(.write, on: "curated")
        Allow(.readSecret, on: "snowflake/etl-password")
    }

    // The warehouse: dbt builds curated tables from raw in Snowflake.
    Snowflake.Warehouse("transform-wh", size: .medium, autoSuspend: .minutes(5), description: "dbt transformations") {
        CreditBudget(perMonth: 500, notifyAt: [50, 90], suspendAt: 100)
    }
    .overriding(in: .dev, size: .xsmall, creditsPerMonth: 50)
    Snowflake.Database("raw", retention: .days(7), classification: .confidential) {
        Snowflake.Schema("events")
    }
    .overriding(in: .dev, retention: .days(1))
    Snowflake.Database("analytics", retention: .days(14)) {
        Snowflake.Schema("marts")
    }
    Snowflake.Role("transformer") {
        Allow(.read, on: "raw")
        Allow(.own, on: "analytics")
        Allow(.use, on: "transform-wh")
    }
    Snowflake.NetworkPolicy("pipelines", allowedIPs: ["203.0.113.0/24"])
    Snowflake.ServiceUser("dbt", role: "transformer", warehouse: "transform-wh", networkPolicy: "pipelines")

    // Marts for the BI tool in BigQuery, read by its service account.
    BigQueryDataset("marts", location: "EU", partitionExpiration: .days(400), timeTravel: .days(7))
        .overriding(in: .dev, tableExpiration: .days(30), partitionExpiration: .days(30))
    GCPServiceAccount("looker") {
        Allow(.read, on: "marts")
    }
}
