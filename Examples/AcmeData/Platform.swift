import Paved

/// Acme's data platform: the embedded example that `make run` synthesizes.
///
/// Two environments across AWS, Google Cloud, Snowflake, Databricks, Vault, Prefect and Dagster+,
/// using every construct Paved has:
/// - storage: raw, curated and archive S3 buckets with retention (and a platform default per
///   classification), a Cloud Storage landing bucket, a Cloud Logging audit bucket;
/// - warehouses: Snowflake (transformations, with a credit budget), BigQuery (marts for the BI tool,
///   one open data set), Redshift Serverless (finance analytics), Databricks (the lakehouse);
/// - orchestrators: Airflow on MWAA (ingestion and dbt), Cloud Composer (marts refresh), Prefect
///   (partner syncs), Dagster+ (the orders assets);
/// - secrets in AWS Secrets Manager, Google Secret Manager and Vault, each read by exactly the
///   principals that need them; workload identity for jobs on EKS and GKE.
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

    // Retention per classification, for buckets that do not set their own.
    DefaultRetention(for: .confidential, expireAfter: .days(730), archiveAfter: .days(180))
    DefaultRetention(for: .restricted, expireAfter: .days(2555), archiveAfter: .days(90))

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
    Bucket("partner-drops", classification: .confidential, owner: "ingestion@acme.io")  // the confidential default retention

    // Airflow on MWAA runs ingestion and dbt; its execution role holds exactly its jobs' grants.
    Bucket("airflow-dags", classification: .internal) {
        Retention(noncurrentVersionsExpireAfter: .days(30))
    }
    Airflow("core", on: .mwaa(subnetIDs: ["subnet-0a1b2c3d", "subnet-1a2b3c4d"], securityGroupIDs: ["sg-0123abcd"]),
            version: "2.10.3", dags: "airflow-dags", webserver: .privateOnly, size: .medium, workers: 2...10) {
        Allow(.read, on: "raw-events")
        Allow(.read, on: "partner-drops")
        Allow(.write, on: "curated")
        Allow(.readSecret, on: "snowflake/etl-password")
    }
    .overriding(in: .dev, size: .small, workers: 1...2, keepLogsFor: .days(90))

    // Jobs on the EKS data cluster assume this role through workload identity.
    Role("orders-runner", assumedBy: .kubernetes(
        oidcProvider: "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", namespace: "dagster",
        serviceAccount: "orders-runner"), description: "Dagster runs of the orders assets on EKS") {
        Allow(.read, on: "curated")
    }

    // Finance analytics on Redshift Serverless, smaller in dev.
    RedshiftServerless("finance", baseCapacity: 8, maxCapacity: 64,
                       subnetIDs: ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"], securityGroupIDs: ["sg-0123abcd"],
                       classification: .restricted, costCenter: "cc-7200") {
        UsageLimit(rpuHoursPerMonth: 1500, breach: .deactivate)
        UsageLimit(rpuHoursPerMonth: 1000, breach: .emitMetric)
    }
    .overriding(in: .dev, maxCapacity: 16) {
        UsageLimit(rpuHoursPerMonth: 100, breach: .deactivate)
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
    BigQueryDataset("open-data", location: "EU", description: "Public reference data", classification: .public)
        .overriding(in: .dev, tableExpiration: .days(30))
    PublicAccess(.read, on: "open-data")
        .waive("GOV-GRANT-002", reason: "Published as open data for partners and researchers, approved by the data council (DC-142)",
               owner: "data-council@acme.io", expires: "2027-12-31")
    GCPSecret("looker-api", rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
    GCPServiceAccount("looker") {
        Allow(.read, on: "marts")
        Allow(.readSecret, on: "looker-api")
    }

    // Files partners drop on Google Cloud, and audit logs kept for a year.
    GCSBucket("landing", location: "EU", classification: .confidential) {
        Retention(expireAfter: .days(400), transitions: [.after(.days(30), to: .nearline)], noncurrentVersionsExpireAfter: .days(14))
    }
    .overriding(in: .dev, retention: Retention(expireAfter: .days(14)))
    GCPLogBucket("audit", keepLogsFor: .days(365), classification: .restricted)

    // Cloud Composer refreshes the marts; its workers run as a dedicated service account that also
    // serves GKE jobs through workload identity.
    GCPServiceAccount("composer-worker", workloadIdentity: [.kubernetes(namespace: "jobs", serviceAccount: "marts-refresh")]) {
        Allow(.write, on: "marts")
        Allow(.read, on: "landing")
    }
    Airflow("marts-refresh", on: .composer(serviceAccount: "composer-worker"), version: "composer-3-airflow-2.10.5",
            webserver: .allowList(["203.0.113.0/24"]), size: .small, workers: 1...4)

    // The lakehouse on Databricks.
    Databricks.SQLWarehouse("bi", size: .small, autoStop: .minutes(10), maxClusters: 2)
        .overriding(in: .dev, size: .xxsmall, maxClusters: 1)
    Databricks.Catalog("lakehouse", description: "Curated lakehouse", classification: .confidential) {
        Databricks.Schema("bronze", description: "Raw loads")
        Databricks.Schema("gold", description: "Curated marts")
    }
    Databricks.ClusterPolicy("etl-jobs", maxDBUsPerHour: 20, maxWorkers: 8, autoTerminate: .minutes(30))
        .overriding(in: .dev, maxDBUsPerHour: 5, maxWorkers: 2)
    Databricks.Group("data-engineers", principal: "Data Engineers") {
        Allow(.write, on: "lakehouse")
        Allow(.use, on: "etl-jobs")
    }
    Databricks.Group("analysts", principal: "Data Analysts") {
        Allow(.read, on: "lakehouse/gold")
    }

    // Secrets for workloads outside the clouds, in Vault.
    Vault.KVEngine("pipeline-secrets", description: "Secrets of the pipelines", maxVersions: 10, deleteVersionAfter: .days(365)) {
        Vault.Secret("partner/api-key", description: "Partner events API key", classification: .confidential)
        Vault.Secret("dagster/warehouse-password", description: "Password the orders assets use")
    }
    Vault.Principal("orders-runner-vault", login: .kubernetes(namespaces: ["dagster"], serviceAccounts: ["orders-runner"])) {
        Allow(.readSecret, on: "pipeline-secrets/dagster/warehouse-password")
    }
    Vault.Principal("partner-sync-vault", login: .appRole(secretIDTTL: .days(7), secretIDBoundCIDRs: ["10.20.0.0/16"])) {
        Allow(.readSecret, on: "pipeline-secrets/partner/api-key")
    }

    // Prefect runs the partner syncs; Dagster+ the orders assets.
    Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 10, description: "Flow runs on the data cluster")
        .overriding(in: .dev, concurrencyLimit: 2)
    Prefect.Flow("partner-sync", tags: ["ingestion"], owner: "ingestion@acme.io") {
        Prefect.Deployment(
            "hourly", entrypoint: "flows/partner.py:sync_partner_events", workPool: "k8s",
            schedule: .cron("15 * * * *", timezone: "Europe/Amsterdam"), parameters: ["full_refresh": false],
            concurrencyLimit: 1, image: "ghcr.io/acme/flows:2027.01.3")
            .overriding(in: .dev, scheduleActive: false)
    }
    Dagster.CodeLocation("orders", image: "ghcr.io/acme/orders:2027.01.3", source: .module("orders.definitions"),
                         workingDirectory: "/app")
    Dagster.ConcurrencyPool("snowflake", pool: "snowflake_warehouse", limit: 8).overriding(in: .dev, limit: 1)
    Dagster.Team("orders-analysts") {
        Allow(.read, on: "orders")
    }
}
