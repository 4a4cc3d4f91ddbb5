import Paved

/// Acme's data platform: the embedded example that `make run` synthesizes.
///
/// Two environments; raw, curated and archive buckets with different classifications and
/// retentions; secrets for the warehouse and an ingestion API; roles for the ingestion job (Glue)
/// and the transform job (MWAA / Airflow).
public let acme = Platform(
    "acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2,
    classification: .internal, costCenter: "cc-4100"
) {
    Environment(
        .dev, aws: .account("111111111111", region: "eu-west-1"),
        backend: .s3(bucket: "acme-terraform-state-dev", key: "acme-data/dev.tfstate", region: "eu-west-1"))
    Environment(
        .prod, aws: .account("222222222222", region: "eu-west-1"),
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
}
