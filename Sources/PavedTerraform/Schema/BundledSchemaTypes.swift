/// The resource and data source types whose schemas Paved bundles: the one list to extend when a
/// construct starts using a new type.
///
/// After changing it, regenerate the bundle with `make schemas` (which runs
/// `paved schemas trim --from ../shared/schemas --out Sources/PavedTerraform/Schema/BundledSchemas+Generated.swift`);
/// a test fails while the committed bundle differs from what trimming gives.
///
/// One entry per line: `PROVIDER-FILE:KIND:TYPE`, where PROVIDER-FILE is a schema file name
/// without `.json`, KIND is `resource` or `data`, and `PROVIDER-FILE:provider` bundles only the
/// provider configuration block. Every provider file named here contributes its provider block.
/// `#` starts a comment.
enum BundledSchemaTypes {
    static let list = """
        # Provider configuration blocks.
        aws:provider
        google:provider
        snowflake:provider
        databricks:provider
        vault:provider

        # Storage.
        aws:resource:aws_s3_bucket
        aws:resource:aws_s3_bucket_public_access_block
        aws:resource:aws_s3_bucket_ownership_controls
        aws:resource:aws_s3_bucket_server_side_encryption_configuration
        aws:resource:aws_s3_bucket_versioning
        aws:resource:aws_s3_bucket_logging
        aws:resource:aws_s3_bucket_lifecycle_configuration
        aws:resource:aws_s3_bucket_policy

        # Keys and secrets.
        aws:resource:aws_kms_key
        aws:resource:aws_kms_alias
        aws:resource:aws_secretsmanager_secret
        aws:resource:aws_secretsmanager_secret_rotation

        # Identity and access.
        aws:resource:aws_lambda_permission
        aws:resource:aws_iam_role
        aws:resource:aws_iam_role_policy
        aws:data:aws_iam_policy_document
        aws:data:aws_caller_identity
        aws:data:aws_region
        aws:data:aws_partition

        # Snowflake: warehouses, credit budgets, databases, account and database roles, grants, service users, network policies.
        snowflake:resource:snowflake_warehouse
        snowflake:resource:snowflake_resource_monitor
        snowflake:resource:snowflake_database
        snowflake:resource:snowflake_schema
        snowflake:resource:snowflake_account_role
        snowflake:resource:snowflake_grant_account_role
        snowflake:resource:snowflake_grant_privileges_to_account_role
        snowflake:resource:snowflake_database_role
        snowflake:resource:snowflake_grant_database_role
        snowflake:resource:snowflake_grant_privileges_to_database_role
        snowflake:resource:snowflake_service_user
        snowflake:resource:snowflake_network_policy

        # Google Cloud: BigQuery datasets with their own Cloud KMS keys, service accounts and IAM.
        google:resource:google_bigquery_dataset
        google:resource:google_bigquery_dataset_iam_member
        google:resource:google_kms_key_ring
        google:resource:google_kms_crypto_key
        google:resource:google_kms_crypto_key_iam_member
        google:resource:google_service_account
        google:resource:google_project_iam_member
        google:data:google_bigquery_default_service_account

        # Redshift Serverless: namespaces with their own KMS keys, workgroups, usage limits.
        aws:resource:aws_redshiftserverless_namespace
        aws:resource:aws_redshiftserverless_workgroup
        aws:resource:aws_redshiftserverless_usage_limit

        # Databricks: SQL warehouses, Unity Catalog catalogs and schemas, grants to groups, cluster policies.
        databricks:resource:databricks_sql_endpoint
        databricks:resource:databricks_catalog
        databricks:resource:databricks_schema
        databricks:resource:databricks_grants
        databricks:resource:databricks_cluster_policy
        databricks:resource:databricks_permissions

        # Google Cloud Secret Manager: secrets with CMEK and rotation reminders.
        google:resource:google_secret_manager_secret
        google:resource:google_pubsub_topic_iam_member
        google:data:google_project

        # Orchestrators: Airflow on MWAA (with its log groups) and on Cloud Composer.
        aws:resource:aws_mwaa_environment
        aws:resource:aws_cloudwatch_log_group
        google:resource:google_composer_environment
        google:resource:google_service_account_iam_member

        # Google Cloud Storage and Cloud Logging retention; Secret Manager access.
        google:resource:google_storage_bucket
        google:resource:google_storage_bucket_iam_member
        google:data:google_storage_project_service_account
        google:resource:google_logging_project_bucket_config
        google:data:google_logging_project_cmek_settings
        google:resource:google_secret_manager_secret_iam_member

        # Vault: KV v2 mounts, secret metadata (never values), policies and the auth roles they attach to.
        vault:resource:vault_mount
        vault:resource:vault_kv_secret_backend_v2
        vault:resource:vault_generic_endpoint
        vault:resource:vault_policy
        vault:resource:vault_approle_auth_backend_role
        vault:resource:vault_kubernetes_auth_backend_role
        """
}
