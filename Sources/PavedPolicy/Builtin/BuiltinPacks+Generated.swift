// Generated from the rule files in policies/ by BuiltinPacksGenerator.
// DO NOT EDIT. Regenerate: PAVED_RECORD=1 swift test --filter GeneratedSourcesTests

enum BuiltinPacks {
    static let files: [(path: String, text: String)] = [
        ("cost/COST-BQ-001.yaml", #"""
id: COST-BQ-001
title: Non-production BigQuery datasets expire their tables
service: bigquery
severity: low
enforcement: advisory
resource: google_bigquery_dataset
where:
  metadata: environment
  not_one_of: [prod, production]
require: { attribute: default_table_expiration_ms, exists: true }
message: Non-production BigQuery dataset keeps its tables forever (no default_table_expiration_ms)
rationale: >-
  Development and test datasets accumulate copies of production-sized tables that nobody deletes.
remediation: >-
  Set default_table_expiration_ms (for example 2592000000, 30 days).
references:
  - https://cloud.google.com/bigquery/docs/best-practices-storage
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset

"""#),
        ("cost/COST-DBX-001.yaml", #"""
id: COST-DBX-001
title: Databricks SQL warehouses stop after at most an hour idle
service: databricks
severity: medium
enforcement: soft-mandatory
resource: databricks_sql_endpoint
require:
  all:
    - { attribute: auto_stop_mins, at_least: 1 }
    - { attribute: auto_stop_mins, at_most: 60 }
message: Databricks SQL warehouse auto-stop is off or longer than 60 minutes (auto_stop_mins; the default is 120)
rationale: >-
  An idle SQL warehouse bills DBUs and cloud instances until it stops; the provider default of 120
  minutes, or 0 (never), keeps it running long after the last query.
remediation: >-
  Set auto_stop_mins between 1 and 60 (serverless warehouses can stop after 5 to 10 minutes).
references:
  - https://docs.databricks.com/en/compute/sql-warehouse/create.html
  - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/sql_endpoint

"""#),
        ("cost/COST-DBX-002.yaml", #"""
id: COST-DBX-002
title: Databricks SQL warehouses are no larger than their tier allows
service: databricks
severity: medium
enforcement: soft-mandatory
resource: databricks_sql_endpoint
require:
  any:
    - attribute: cluster_size
      matches: '(?i)^(2X-Small|X-Small|Small|Medium)$'
    - all:
        - { metadata: tier, equals: tier2 }
        - attribute: cluster_size
          matches: '(?i)^(2X-Small|X-Small|Small|Medium|Large)$'
    - all:
        - { metadata: tier, equals: tier1 }
        - attribute: cluster_size
          matches: '(?i)^(2X-Small|X-Small|Small|Medium|Large|X-Large|2X-Large)$'
message: Databricks SQL warehouse is larger than its tier allows (tier1 up to 2X-Large, tier2 up to Large, others up to Medium)
rationale: >-
  Each cluster size roughly doubles DBUs per hour; bounding size by tier keeps low-criticality
  workloads from running on the largest warehouses.
remediation: >-
  Choose a smaller cluster_size, or raise the workload's tier (custom tag "tier"). A justified
  exception is a waiver with an owner and an expiry date.
references:
  - https://docs.databricks.com/en/compute/sql-warehouse/warehouse-behavior.html
  - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/sql_endpoint

"""#),
        ("cost/COST-GCS-001.yaml", #"""
id: COST-GCS-001
title: Cloud Storage buckets have lifecycle rules or Autoclass
service: gcs
severity: low
enforcement: advisory
resource: google_storage_bucket
require:
  any:
    - { attribute: lifecycle_rule, exists: true }
    - { attribute: autoclass.enabled, equals: true }
message: Cloud Storage bucket has no lifecycle rule and no Autoclass, so all objects stay in their original storage class forever
rationale: >-
  Without lifecycle rules or Autoclass, cold data is billed at Standard storage prices for as long
  as it exists.
remediation: >-
  Add lifecycle_rule blocks (SetStorageClass, Delete) or enable autoclass.
references:
  - https://cloud.google.com/storage/docs/autoclass
  - https://cloud.google.com/storage/docs/lifecycle

"""#),
        ("cost/COST-LOG-001.yaml", #"""
id: COST-LOG-001
title: CloudWatch log groups expire their logs
service: cloudwatch-logs
severity: low
enforcement: advisory
resource: aws_cloudwatch_log_group
require: { attribute: retention_in_days, greater_than: 0 }
message: CloudWatch log group never expires its logs (retention_in_days unset or 0)
rationale: >-
  Log storage is billed per GB-month forever unless a retention is set; debug logs from years ago
  rarely justify it.
remediation: >-
  Set retention_in_days (for example 90, or 365 for audit logs).
references:
  - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group

"""#),
        ("cost/COST-MWAA-001.yaml", #"""
id: COST-MWAA-001
title: MWAA environments cap their workers
service: mwaa
severity: low
enforcement: advisory
resource: aws_mwaa_environment
require:
  any:
    - { attribute: max_workers, absent: true }
    - { attribute: max_workers, at_most: 25 }
message: MWAA environment may scale beyond 25 workers (max_workers)
rationale: >-
  Workers are billed per hour; a high max_workers lets a backfill or a looping DAG scale the
  environment, and the bill, far beyond its normal load.
remediation: >-
  Set max_workers to at most 25 (the default is 10), or waive with a reason for large environments.
references:
  - https://docs.aws.amazon.com/mwaa/latest/userguide/mwaa-autoscaling.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment

"""#),
        ("cost/COST-RSS-001.yaml", #"""
id: COST-RSS-001
title: Redshift Serverless workgroups have a usage limit
service: redshift-serverless
severity: medium
enforcement: soft-mandatory
resource: aws_redshiftserverless_workgroup
require:
  referenced_by:
    type: aws_redshiftserverless_usage_limit
    attribute: resource_arn
    where: { attribute: usage_type, equals: serverless-compute }
message: Redshift Serverless workgroup has no compute usage limit (aws_redshiftserverless_usage_limit), so its RPU-hours are unbounded
rationale: >-
  Serverless compute scales with demand; without a usage limit one runaway query pattern scales the
  bill with it.
remediation: >-
  Add an aws_redshiftserverless_usage_limit with resource_arn set to the workgroup's ARN,
  usage_type "serverless-compute", an amount in RPU-hours and breach_action "deactivate" or "emit-metric".
references:
  - https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-billing.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshiftserverless_usage_limit

"""#),
        ("cost/COST-RSS-002.yaml", #"""
id: COST-RSS-002
title: Redshift Serverless workgroups cap their capacity
service: redshift-serverless
severity: low
enforcement: advisory
resource: aws_redshiftserverless_workgroup
require: { attribute: max_capacity, exists: true }
message: Redshift Serverless workgroup does not cap how far it scales (max_capacity)
rationale: >-
  max_capacity bounds the RPUs a workgroup may scale to, and so the cost of its busiest hour.
remediation: >-
  Set max_capacity (in RPUs) to what the workload's peak needs.
references:
  - https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshiftserverless_workgroup

"""#),
        ("cost/COST-S3-001.yaml", #"""
id: COST-S3-001
title: S3 buckets have lifecycle rules
service: s3
severity: low
enforcement: advisory
resource: aws_s3_bucket
require:
  referenced_by:
    type: aws_s3_bucket_lifecycle_configuration
    attribute: bucket
    where:
      attribute: rule
      some: { attribute: status, equals: Enabled }
message: S3 bucket has no enabled lifecycle rule, so objects and old versions are kept (and billed) forever
rationale: >-
  Data lakes grow without bound unless objects move to cheaper storage classes and expire;
  versioned buckets also keep every overwritten version.
remediation: >-
  Add an aws_s3_bucket_lifecycle_configuration with enabled rules for transitions, expiration and
  noncurrent versions. In the DSL: Bucket(…) { Retention(…) }.
references:
  - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration

"""#),
        ("cost/COST-SF-001.yaml", #"""
id: COST-SF-001
title: Snowflake warehouses suspend after 1 to 60 minutes idle
service: snowflake
severity: medium
enforcement: soft-mandatory
resource: snowflake_warehouse
require:
  any:
    - { attribute: auto_suspend, absent: true }
    - all:
        - { attribute: auto_suspend, at_least: 60 }
        - { attribute: auto_suspend, at_most: 3600 }
message: Snowflake warehouse auto-suspend is off or outside 60 to 3600 seconds (auto_suspend)
rationale: >-
  A running warehouse bills credits every second whether it runs queries or not; auto_suspend 0
  (never) or hours-long values keep idle warehouses billing overnight.
remediation: >-
  Set auto_suspend between 60 and 3600 seconds (60 to 300 suits most workloads), or leave it unset
  for Snowflake's 600-second default.
references:
  - https://docs.snowflake.com/en/user-guide/warehouses-considerations#automating-warehouse-suspension
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/warehouse

"""#),
        ("cost/COST-SF-002.yaml", #"""
id: COST-SF-002
title: Snowflake warehouses are no larger than their tier allows
service: snowflake
severity: medium
enforcement: soft-mandatory
resource: snowflake_warehouse
require:
  any:
    - { attribute: warehouse_size, absent: true }
    - attribute: warehouse_size
      matches: '(?i)^(X-?SMALL|SMALL|MEDIUM)$'
    - all:
        - { metadata: tier, equals: tier2 }
        - attribute: warehouse_size
          matches: '(?i)^(X-?SMALL|SMALL|MEDIUM|LARGE)$'
    - all:
        - { metadata: tier, equals: tier1 }
        - attribute: warehouse_size
          matches: '(?i)^(X-?SMALL|SMALL|MEDIUM|LARGE|X-?LARGE|XXLARGE|X2LARGE|2X-LARGE)$'
message: Snowflake warehouse is larger than its tier allows (tier1 up to 2X-LARGE, tier2 up to LARGE, others up to MEDIUM)
rationale: >-
  Each size doubles the credits per hour. Bounding size by business criticality keeps a
  mis-sized tier-3 workload from costing as much as the whole tier-1 estate.
remediation: >-
  Choose a smaller warehouse_size, or raise the workload's tier. A justified exception is a waiver
  with an owner and an expiry date.
references:
  - https://docs.snowflake.com/en/user-guide/warehouses-overview#warehouse-size
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/warehouse

"""#),
        ("cost/COST-SF-003.yaml", #"""
id: COST-SF-003
title: Snowflake warehouses are watched by a resource monitor
service: snowflake
severity: medium
enforcement: soft-mandatory
resource: snowflake_warehouse
require: { attribute: resource_monitor, exists: true }
message: Snowflake warehouse has no resource monitor (resource_monitor), so its credit use is unbounded
rationale: >-
  A resource monitor is the only control that stops a runaway warehouse before the invoice does: it
  notifies at thresholds and suspends at the quota.
remediation: >-
  Create a snowflake_resource_monitor with a credit_quota and suspend triggers, and set the
  warehouse's resource_monitor to its name.
references:
  - https://docs.snowflake.com/en/user-guide/resource-monitors
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/resource_monitor

"""#),
        ("cost/COST-SF-004.yaml", #"""
id: COST-SF-004
title: Snowflake resource monitors set a quota and suspend at it
service: snowflake
severity: medium
enforcement: soft-mandatory
resource: snowflake_resource_monitor
require:
  all:
    - { attribute: credit_quota, greater_than: 0 }
    - any:
        - { attribute: suspend_trigger, exists: true }
        - { attribute: suspend_immediate_trigger, exists: true }
message: Snowflake resource monitor has no credit quota or never suspends its warehouses (credit_quota with suspend_trigger or suspend_immediate_trigger)
rationale: >-
  A monitor without a quota measures nothing, and one that only notifies lets spending continue
  while the notification waits to be read.
remediation: >-
  Set credit_quota and suspend_trigger (or suspend_immediate_trigger) at 100 percent, with
  notify_triggers below it.
references:
  - https://docs.snowflake.com/en/user-guide/resource-monitors
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/resource_monitor

"""#),
        ("governance/GOV-GRANT-001.yaml", #"""
id: GOV-GRANT-001
title: Snowflake grants never go to PUBLIC
service: snowflake
severity: high
enforcement: hard-mandatory
resource:
  - snowflake_grant_privileges_to_account_role
  - snowflake_grant_account_role
  - snowflake_grant_database_role
require:
  all:
    - attribute: account_role_name
      not_matches: '(?i)^"?PUBLIC"?$'
    - attribute: parent_role_name
      not_matches: '(?i)^"?PUBLIC"?$'
message: Snowflake grant gives privileges or a role to PUBLIC, which every user of the account has
rationale: >-
  PUBLIC is granted to every user and role automatically; a grant to it is a grant to everyone,
  including users created later for other purposes.
remediation: >-
  Grant to a functional role and grant that role to the users who need it.
references:
  - https://docs.snowflake.com/en/user-guide/security-access-control-overview#system-defined-roles
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/grant_privileges_to_account_role

"""#),
        ("governance/GOV-GRANT-002.yaml", #"""
id: GOV-GRANT-002
title: Google Cloud IAM grants never go to allUsers or allAuthenticatedUsers
service: gcp-iam
severity: critical
enforcement: hard-mandatory
resource: ["google_*_iam_member", "google_*_iam_binding"]
require:
  all:
    - attribute: member
      not_one_of: [allUsers, allAuthenticatedUsers]
    - attribute: members
      not_one_of: [allUsers, allAuthenticatedUsers]
message: IAM grant gives a role to allUsers or allAuthenticatedUsers (anyone on the internet, or any Google account)
rationale: >-
  allUsers is anyone on the internet and allAuthenticatedUsers is anyone with any Google account:
  granting either a role on a dataset, bucket or secret publishes it.
remediation: >-
  Grant the role to the groups or service accounts that need it.
references:
  - https://cloud.google.com/iam/docs/principal-identifiers
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset_iam

"""#),
        ("governance/GOV-GRANT-003.yaml", #"""
id: GOV-GRANT-003
title: BigQuery dataset access never goes to allUsers or allAuthenticatedUsers
service: bigquery
severity: critical
enforcement: hard-mandatory
resource: [google_bigquery_dataset, google_bigquery_dataset_access]
require:
  all:
    - attribute: access.special_group
      not_one_of: [allUsers, allAuthenticatedUsers]
    - attribute: access.iam_member
      not_one_of: [allUsers, allAuthenticatedUsers]
    - attribute: special_group
      not_one_of: [allUsers, allAuthenticatedUsers]
    - attribute: iam_member
      not_one_of: [allUsers, allAuthenticatedUsers]
message: BigQuery dataset access is granted to allUsers or allAuthenticatedUsers
rationale: >-
  A dataset access entry for allUsers or allAuthenticatedUsers lets anyone query every table of the
  dataset, and bills nobody but you for it.
remediation: >-
  Remove the access entry; grant dataset roles to groups or service accounts.
references:
  - https://cloud.google.com/bigquery/docs/control-access-to-resources-iam
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset_access

"""#),
        ("governance/GOV-GRANT-004.yaml", #"""
id: GOV-GRANT-004
title: Unity Catalog grants never go to every user
service: databricks
severity: high
enforcement: hard-mandatory
resource: databricks_grants
require:
  attribute: grant.principal
  not_one_of: ["account users", "users"]
message: Unity Catalog grant gives privileges to every user of the account or workspace
rationale: >-
  "account users" contains every user of the Databricks account; "users" every user of the
  workspace. A grant to either is a grant to everyone, including future users.
remediation: >-
  Grant privileges to a group made for the purpose, or to service principals.
references:
  - https://docs.databricks.com/en/data-governance/unity-catalog/manage-privileges/index.html
  - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/grants

"""#),
        ("governance/GOV-META-001.yaml", #"""
id: GOV-META-001
title: Every resource names its owner, tier and data classification
service: metadata
severity: medium
enforcement: soft-mandatory
implementation: swift
rationale: >-
  Auditors ask who owns each store of data, how critical it is and how sensitive its contents are;
  incident responders need the same answers at 3 a.m. Tags and labels carry them with the resource.
remediation: >-
  Tag the resource with owner, tier (tier1, tier2, tier3) and data_classification (public, internal,
  confidential, restricted), as labels on Google Cloud. In the DSL, set them on the Platform and
  override them per construct.
references:
  - https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
  - https://cloud.google.com/resource-manager/docs/creating-managing-labels

"""#),
        ("governance/GOV-META-002.yaml", #"""
id: GOV-META-002
title: Tier and data classification use the allowed values
service: metadata
severity: low
enforcement: soft-mandatory
resource: "*"
require:
  all:
    - any:
        - { metadata: tier, absent: true }
        - { metadata: tier, one_of: [tier1, tier2, tier3] }
    - any:
        - { metadata: classification, absent: true }
        - { metadata: classification, one_of: [public, internal, confidential, restricted] }
message: tier or data_classification has a value outside the allowed lists (tier1, tier2, tier3; public, internal, confidential, restricted)
rationale: >-
  Retention, cost and access rules key on these values; a typo such as "confidental" silently takes
  a resource out of every control that depends on them.
remediation: >-
  Use tier1, tier2 or tier3, and public, internal, confidential or restricted. The DSL's Tier and
  Classification enums cannot be misspelt.
references:
  - https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html

"""#),
        ("governance/GOV-RET-001.yaml", #"""
id: GOV-RET-001
title: S3 buckets with confidential or restricted data expire objects within 7 years
service: s3
severity: medium
enforcement: soft-mandatory
resource: aws_s3_bucket
where: { metadata: classification, one_of: [confidential, restricted] }
require:
  referenced_by:
    type: aws_s3_bucket_lifecycle_configuration
    attribute: bucket
    where:
      attribute: rule
      some:
        all:
          - { attribute: status, equals: Enabled }
          - { attribute: expiration.days, at_most: 2555 }
message: S3 bucket holds confidential or restricted data but no enabled lifecycle rule expires objects within 2555 days (7 years)
rationale: >-
  Data protection law and most retention schedules require sensitive data to be deleted once its
  purpose ends. Keeping it forever turns every future breach into a bigger one.
remediation: >-
  Add an aws_s3_bucket_lifecycle_configuration with an enabled rule whose expiration.days is at
  most 2555. In the DSL: Bucket(…) { Retention(expireAfter: .days(…)) }.
references:
  - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration

"""#),
        ("governance/GOV-RET-002.yaml", #"""
id: GOV-RET-002
title: BigQuery datasets with confidential or restricted data expire tables within 7 years
service: bigquery
severity: medium
enforcement: soft-mandatory
resource: google_bigquery_dataset
where: { metadata: classification, one_of: [confidential, restricted] }
require:
  any:
    - { attribute: default_table_expiration_ms, at_most: 220752000000 }
    - { attribute: default_partition_expiration_ms, at_most: 220752000000 }
message: BigQuery dataset holds confidential or restricted data but expires no table or partition within 2555 days (7 years)
rationale: >-
  Without a default expiration every table and partition is kept forever, whatever the retention
  schedule for its data says.
remediation: >-
  Set default_table_expiration_ms or default_partition_expiration_ms to at most 220752000000
  (2555 days).
references:
  - https://cloud.google.com/bigquery/docs/updating-datasets#table-expiration
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset

"""#),
        ("governance/GOV-RET-003.yaml", #"""
id: GOV-RET-003
title: Cloud Storage buckets with confidential or restricted data delete objects within 7 years
service: gcs
severity: medium
enforcement: soft-mandatory
resource: google_storage_bucket
where: { metadata: classification, one_of: [confidential, restricted] }
require:
  attribute: lifecycle_rule
  some:
    all:
      - { attribute: action.type, equals: Delete }
      - { attribute: condition.age, at_most: 2555 }
message: Cloud Storage bucket holds confidential or restricted data but no lifecycle rule deletes objects within 2555 days (7 years)
rationale: >-
  Sensitive data must be deleted when its retention period ends; a Delete lifecycle rule does it
  without anyone having to remember.
remediation: >-
  Add a lifecycle_rule with action { type = "Delete" } and condition { age = N } where N is at most 2555.
references:
  - https://cloud.google.com/storage/docs/lifecycle
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket

"""#),
        ("governance/GOV-TT-001.yaml", #"""
id: GOV-TT-001
title: Snowflake databases keep Time Travel
service: snowflake
severity: medium
enforcement: soft-mandatory
resource: snowflake_database
require:
  all:
    - any:
        - { attribute: data_retention_time_in_days, absent: true }
        - { attribute: data_retention_time_in_days, at_least: 1 }
    - { attribute: is_transient, not_equals: true }
message: Snowflake database disables Time Travel (transient, or data_retention_time_in_days is 0)
rationale: >-
  Time Travel is how a dropped table or a bad UPDATE is undone. Transient databases and a zero
  retention give up that recovery, and transient data also has no Fail-safe.
remediation: >-
  Leave data_retention_time_in_days unset (1 day) or set it to 1 or more (up to 90 on Enterprise
  edition); do not make the database transient.
references:
  - https://docs.snowflake.com/en/user-guide/data-time-travel
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/database

"""#),
        ("governance/GOV-TT-002.yaml", #"""
id: GOV-TT-002
title: Snowflake schemas keep Time Travel
service: snowflake
severity: low
enforcement: advisory
resource: snowflake_schema
require:
  all:
    - any:
        - { attribute: data_retention_time_in_days, absent: true }
        - { attribute: data_retention_time_in_days, at_least: 1 }
    - { attribute: is_transient, not_equals: true }
message: Snowflake schema disables Time Travel (transient, or data_retention_time_in_days is 0)
rationale: >-
  A schema can override its database's retention; a transient or zero-retention schema makes its
  tables unrecoverable after a mistake.
remediation: >-
  Leave data_retention_time_in_days unset or at 1 or more, and is_transient unset or false.
references:
  - https://docs.snowflake.com/en/user-guide/data-time-travel
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/schema

"""#),
        ("governance/GOV-TT-003.yaml", #"""
id: GOV-TT-003
title: Tier-1 BigQuery datasets keep the full 7-day time-travel window
service: bigquery
severity: low
enforcement: advisory
resource: google_bigquery_dataset
where: { metadata: tier, equals: tier1 }
require:
  any:
    - { attribute: max_time_travel_hours, absent: true }
    - { attribute: max_time_travel_hours, at_least: 168 }
message: Tier-1 BigQuery dataset shortens its time-travel window below 168 hours (max_time_travel_hours)
rationale: >-
  Time travel restores tables as they were up to seven days ago; business-critical data should keep
  the whole window to recover from a bad load found days later.
remediation: >-
  Leave max_time_travel_hours unset or set it to "168".
references:
  - https://cloud.google.com/bigquery/docs/time-travel
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset

"""#),
        ("security/SEC-BQ-001.yaml", #"""
id: SEC-BQ-001
title: BigQuery datasets use a customer-managed encryption key
service: bigquery
severity: high
enforcement: soft-mandatory
resource: google_bigquery_dataset
require: { attribute: default_encryption_configuration.kms_key_name, exists: true }
message: BigQuery dataset has no default customer-managed encryption key (default_encryption_configuration)
rationale: >-
  With CMEK, reading the tables needs the BigQuery service agent's access to a key you control, so
  access can be audited and revoked by disabling the key.
remediation: >-
  Add default_encryption_configuration with kms_key_name set to a Cloud KMS key in the dataset's
  location.
references:
  - https://cloud.google.com/bigquery/docs/customer-managed-encryption
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset

"""#),
        ("security/SEC-COMPOSER-001.yaml", #"""
id: SEC-COMPOSER-001
title: Cloud Composer web servers are not open to the internet
service: composer
severity: high
enforcement: hard-mandatory
resource: google_composer_environment
require:
  all:
    - attribute: config.web_server_network_access_control.allowed_ip_range
      exists: true
    - attribute: config.web_server_network_access_control.allowed_ip_range.value
      not_one_of: ["0.0.0.0/0", "::/0"]
message: Cloud Composer Airflow web server is reachable from any IP address (no allow list, or 0.0.0.0/0)
rationale: >-
  The Airflow UI shows connections, variables and DAG code, and can trigger runs. Without
  web_server_network_access_control it accepts connections from every address.
remediation: >-
  Add config.web_server_network_access_control with allowed_ip_range entries for your networks only.
references:
  - https://cloud.google.com/composer/docs/composer-2/configure-web-server-network-access
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/composer_environment

"""#),
        ("security/SEC-COMPOSER-002.yaml", #"""
id: SEC-COMPOSER-002
title: Cloud Composer environments are private
service: composer
severity: medium
enforcement: soft-mandatory
resource: google_composer_environment
require:
  any:
    - { attribute: config.enable_private_environment, equals: true }
    - { attribute: config.private_environment_config.enable_private_endpoint, equals: true }
message: Cloud Composer environment is not private (its cluster has public endpoints)
rationale: >-
  A private environment keeps the Airflow workers and the cluster control plane off public IP
  addresses, so they are reachable only from your VPC.
remediation: >-
  Set config.enable_private_environment = true (Composer 3) or
  config.private_environment_config.enable_private_endpoint = true (Composer 2).
references:
  - https://cloud.google.com/composer/docs/composer-2/configure-private-ip
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/composer_environment

"""#),
        ("security/SEC-DBX-001.yaml", #"""
id: SEC-DBX-001
title: Databricks IP access allow lists do not admit every address
service: databricks
severity: high
enforcement: hard-mandatory
resource: databricks_ip_access_list
where: { attribute: list_type, equals: ALLOW }
require:
  attribute: ip_addresses
  not_one_of: ["0.0.0.0/0", "::/0"]
message: Databricks IP access allow list admits every address (0.0.0.0/0)
rationale: >-
  An allow list with 0.0.0.0/0 turns the workspace's IP access control off while looking like it is
  on: SQL warehouses and the REST API become reachable from anywhere.
remediation: >-
  List only your networks' CIDR ranges in ip_addresses.
references:
  - https://docs.databricks.com/en/security/network/front-end/ip-access-list.html
  - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/ip_access_list

"""#),
        ("security/SEC-DBX-002.yaml", #"""
id: SEC-DBX-002
title: Databricks personal access tokens expire within 90 days
service: databricks
severity: medium
enforcement: soft-mandatory
resource: databricks_token
require:
  all:
    - { attribute: lifetime_seconds, greater_than: 0 }
    - { attribute: lifetime_seconds, at_most: 7776000 }
message: Databricks personal access token does not expire within 90 days (lifetime_seconds)
rationale: >-
  A token without a lifetime is a password that never changes; when it leaks it works until
  someone notices and revokes it.
remediation: >-
  Set lifetime_seconds to at most 7776000 (90 days), or use OAuth machine-to-machine credentials.
references:
  - https://docs.databricks.com/en/dev-tools/auth/pat.html
  - https://registry.terraform.io/providers/databricks/databricks/latest/docs/resources/token

"""#),
        ("security/SEC-GCS-001.yaml", #"""
id: SEC-GCS-001
title: Cloud Storage buckets prevent public access
service: gcs
severity: critical
enforcement: hard-mandatory
resource: google_storage_bucket
require:
  all:
    - { attribute: public_access_prevention, equals: enforced }
    - { attribute: uniform_bucket_level_access, equals: true }
message: Cloud Storage bucket does not enforce public access prevention with uniform bucket-level access
rationale: >-
  Public access prevention stops any IAM binding or ACL from granting allUsers or
  allAuthenticatedUsers access; uniform bucket-level access removes object ACLs that bypass IAM.
remediation: >-
  Set public_access_prevention = "enforced" and uniform_bucket_level_access = true.
references:
  - https://cloud.google.com/storage/docs/public-access-prevention
  - https://cloud.google.com/storage/docs/uniform-bucket-level-access

"""#),
        ("security/SEC-GSM-001.yaml", #"""
id: SEC-GSM-001
title: Secret Manager secrets are encrypted with customer-managed keys
service: secret-manager
severity: high
enforcement: soft-mandatory
resource: google_secret_manager_secret
require:
  any:
    - attribute: replication.auto.customer_managed_encryption.kms_key_name
      exists: true
    - all:
        - { attribute: replication.user_managed.replicas, exists: true }
        - attribute: replication.user_managed.replicas
          every: { attribute: customer_managed_encryption.kms_key_name, exists: true }
message: Secret Manager secret is not encrypted with a customer-managed key (CMEK) in every replica
rationale: >-
  With Google-managed encryption anyone with secretAccessor can read the payload; CMEK adds a key you
  control, audit and can disable.
remediation: >-
  Set replication.auto.customer_managed_encryption.kms_key_name, or customer_managed_encryption on
  every replica of replication.user_managed.
references:
  - https://cloud.google.com/secret-manager/docs/cmek
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/secret_manager_secret

"""#),
        ("security/SEC-GSM-002.yaml", #"""
id: SEC-GSM-002
title: Secret Manager secrets rotate at least every 90 days
service: secret-manager
severity: medium
enforcement: soft-mandatory
resource: google_secret_manager_secret
require: { attribute: rotation.rotation_period, duration_at_most: 90d }
message: Secret Manager secret does not rotate at least every 90 days (rotation.rotation_period)
rationale: >-
  Secret Manager sends rotation notifications to a Pub/Sub topic on the schedule; without one,
  nothing reminds the owner to replace a long-lived credential.
remediation: >-
  Add a rotation block with rotation_period of at most "7776000s" and a topics entry whose subscriber
  rotates the secret.
references:
  - https://cloud.google.com/secret-manager/docs/rotation-recommendations
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/secret_manager_secret

"""#),
        ("security/SEC-IAM-001.yaml", #"""
id: SEC-IAM-001
title: IAM policies do not allow every action
service: iam
severity: critical
enforcement: hard-mandatory
implementation: swift
rationale: >-
  An Allow statement with Action "*" makes its holder an administrator of the account (or of the
  resources it names): any bug or leaked credential in the workload becomes a full compromise.
remediation: >-
  List the actions the workload needs. In the DSL, Role with Allow(.read, on: …) and the other
  intents writes exactly those actions for you.
references:
  - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document

"""#),
        ("security/SEC-IAM-002.yaml", #"""
id: SEC-IAM-002
title: IAM policies do not allow whole services on every resource
service: iam
severity: high
enforcement: soft-mandatory
implementation: swift
rationale: >-
  "s3:*" on "*" lets a role read, overwrite and delete every bucket of the account, and NotAction
  with Allow grants every action but a few, including services added later. Both defeat least
  privilege.
remediation: >-
  Name the actions, and scope Resource to the ARNs the workload uses (the DSL's intents do both).
references:
  - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
  - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege

"""#),
        ("security/SEC-IAM-003.yaml", #"""
id: SEC-IAM-003
title: IAM role trust policies do not trust any principal
service: iam
severity: critical
enforcement: hard-mandatory
implementation: swift
rationale: >-
  A trust policy that allows Principal "*" to call sts:AssumeRole without a condition lets any AWS
  account in the world assume the role and use its permissions.
remediation: >-
  Name the service, account or role that may assume it (in the DSL, assumedBy: .service(.glue) or
  .role("name")), or add a condition such as aws:PrincipalOrgID or sts:ExternalId.
references:
  - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
  - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html

"""#),
        ("security/SEC-KMS-001.yaml", #"""
id: SEC-KMS-001
title: AWS KMS keys rotate their key material
service: kms
severity: high
enforcement: hard-mandatory
resource: aws_kms_key
# Only symmetric keys can rotate automatically.
where:
  any:
    - { attribute: customer_master_key_spec, absent: true }
    - { attribute: customer_master_key_spec, equals: SYMMETRIC_DEFAULT }
require: { attribute: enable_key_rotation, equals: true }
message: KMS key does not rotate its key material (enable_key_rotation is not true)
rationale: >-
  Rotation limits how much data one version of key material protects and how long a leaked copy
  stays useful. KMS rotates without re-encrypting data or changing the key id.
remediation: >-
  Set enable_key_rotation = true (and rotation_period_in_days, 90 to 2560; 365 is the default).
references:
  - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key

"""#),
        ("security/SEC-KMS-002.yaml", #"""
id: SEC-KMS-002
title: Cloud KMS keys rotate at least every 90 days
service: cloud-kms
severity: high
enforcement: soft-mandatory
resource: google_kms_crypto_key
where:
  any:
    - { attribute: purpose, absent: true }
    - { attribute: purpose, equals: ENCRYPT_DECRYPT }
require: { attribute: rotation_period, duration_at_most: 90d }
message: Cloud KMS key does not rotate at least every 90 days (rotation_period)
rationale: >-
  Symmetric Cloud KMS keys only rotate when rotation_period is set. Regular rotation bounds the data
  one key version protects, as CIS GCP 1.10 requires.
remediation: >-
  Set rotation_period to at most "7776000s" (90 days).
references:
  - https://cloud.google.com/kms/docs/key-rotation
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key

"""#),
        ("security/SEC-LOG-001.yaml", #"""
id: SEC-LOG-001
title: CloudWatch log groups keep logs for at least 90 days
service: cloudwatch-logs
severity: medium
enforcement: soft-mandatory
resource: aws_cloudwatch_log_group
require:
  any:
    - { attribute: retention_in_days, absent: true }
    - { attribute: retention_in_days, equals: 0 }
    - { attribute: retention_in_days, at_least: 90 }
message: CloudWatch log group keeps logs for less than 90 days (retention_in_days)
rationale: >-
  Incidents are often found weeks after they begin; logs deleted after a few days cannot show how an
  attacker got in or what they touched.
remediation: >-
  Set retention_in_days to 90 or more (365 for audit logs).
references:
  - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group

"""#),
        ("security/SEC-LOG-002.yaml", #"""
id: SEC-LOG-002
title: CloudWatch log groups are encrypted with a customer-managed KMS key
service: cloudwatch-logs
severity: medium
enforcement: soft-mandatory
resource: aws_cloudwatch_log_group
require: { attribute: kms_key_id, exists: true }
message: CloudWatch log group is not encrypted with a customer-managed KMS key (kms_key_id)
rationale: >-
  Application logs routinely capture identifiers, tokens and personal data; a customer-managed key
  limits who can read them and records every read.
remediation: >-
  Set kms_key_id to a customer-managed key whose policy allows the CloudWatch Logs service.
references:
  - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group

"""#),
        ("security/SEC-LOG-003.yaml", #"""
id: SEC-LOG-003
title: Cloud Logging buckets keep logs for at least 90 days
service: cloud-logging
severity: medium
enforcement: soft-mandatory
resource: google_logging_project_bucket_config
require: { attribute: retention_days, at_least: 90 }
message: Cloud Logging bucket keeps logs for less than 90 days (retention_days; the default is 30)
rationale: >-
  The default 30 days is shorter than the time most incidents take to discover; audit and data
  access logs must outlive the investigation.
remediation: >-
  Set retention_days to 90 or more (365 for audit logs).
references:
  - https://cloud.google.com/logging/docs/buckets#custom-retention
  - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/logging_project_bucket_config

"""#),
        ("security/SEC-MWAA-001.yaml", #"""
id: SEC-MWAA-001
title: MWAA web servers are private
service: mwaa
severity: high
enforcement: hard-mandatory
resource: aws_mwaa_environment
require: { attribute: webserver_access_mode, not_equals: PUBLIC_ONLY }
message: MWAA Airflow web server is reachable from the internet (webserver_access_mode is PUBLIC_ONLY)
rationale: >-
  The Airflow UI exposes connections, variables and DAG code and can trigger runs. In public mode it
  is protected by IAM sign-in alone, from any address.
remediation: >-
  Use webserver_access_mode = "PRIVATE_ONLY" (the default) and reach the UI through the VPC. In the
  DSL: Airflow(…, webserver: .privateOnly).
references:
  - https://docs.aws.amazon.com/mwaa/latest/userguide/configuring-networking.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment

"""#),
        ("security/SEC-MWAA-002.yaml", #"""
id: SEC-MWAA-002
title: MWAA environments are encrypted with a customer-managed KMS key
service: mwaa
severity: medium
enforcement: soft-mandatory
resource: aws_mwaa_environment
require: { attribute: kms_key, exists: true }
message: MWAA environment is encrypted with an AWS-owned key, not a customer-managed KMS key (kms_key)
rationale: >-
  The environment's metadata database holds Airflow connections and variables, often credentials.
  A customer-managed key makes access to them auditable and revocable.
remediation: >-
  Set kms_key to the ARN of a customer-managed key with rotation.
references:
  - https://docs.aws.amazon.com/mwaa/latest/userguide/encryption-at-rest.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment

"""#),
        ("security/SEC-MWAA-003.yaml", #"""
id: SEC-MWAA-003
title: MWAA environments send task, scheduler and web server logs to CloudWatch
service: mwaa
severity: medium
enforcement: soft-mandatory
resource: aws_mwaa_environment
require:
  all:
    - { attribute: logging_configuration.task_logs.enabled, equals: true }
    - { attribute: logging_configuration.scheduler_logs.enabled, equals: true }
    - { attribute: logging_configuration.webserver_logs.enabled, equals: true }
message: MWAA environment does not send task, scheduler and web server logs to CloudWatch
rationale: >-
  Without these logs there is no record of which DAG ran what, who used the UI, or why a task
  failed, for operations or for an investigation.
remediation: >-
  Add logging_configuration with task_logs, scheduler_logs and webserver_logs blocks, each
  enabled = true.
references:
  - https://docs.aws.amazon.com/mwaa/latest/userguide/monitoring-airflow.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/mwaa_environment

"""#),
        ("security/SEC-RSS-001.yaml", #"""
id: SEC-RSS-001
title: Redshift Serverless workgroups are not publicly accessible
service: redshift-serverless
severity: critical
enforcement: hard-mandatory
resource: aws_redshiftserverless_workgroup
require: { attribute: publicly_accessible, not_equals: true }
message: Redshift Serverless workgroup is publicly accessible
rationale: >-
  A publicly accessible workgroup gets an internet-reachable endpoint: the warehouse is one weak or
  leaked database password away from anyone.
remediation: >-
  Set publicly_accessible = false and connect through the VPC (or a VPC endpoint).
references:
  - https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-connecting.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshiftserverless_workgroup

"""#),
        ("security/SEC-RSS-002.yaml", #"""
id: SEC-RSS-002
title: Redshift Serverless namespaces are encrypted with a customer-managed KMS key
service: redshift-serverless
severity: high
enforcement: soft-mandatory
resource: aws_redshiftserverless_namespace
require: { attribute: kms_key_id, exists: true }
message: Redshift Serverless namespace is encrypted with an AWS-owned key, not a customer-managed KMS key (kms_key_id)
rationale: >-
  A customer-managed key makes access to the warehouse's data and snapshots auditable in CloudTrail
  and revocable by disabling the key.
remediation: >-
  Set kms_key_id to a customer-managed key with rotation.
references:
  - https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-workgroups-and-namespaces.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshiftserverless_namespace

"""#),
        ("security/SEC-RSS-003.yaml", #"""
id: SEC-RSS-003
title: Redshift Serverless namespaces export connection and user audit logs
service: redshift-serverless
severity: medium
enforcement: soft-mandatory
resource: aws_redshiftserverless_namespace
require:
  all:
    - { attribute: log_exports, equals: connectionlog }
    - { attribute: log_exports, equals: userlog }
message: Redshift Serverless namespace does not export connection and user audit logs (log_exports)
rationale: >-
  The connection and user logs record who connected from where and every change to users and
  privileges: the audit trail of the warehouse.
remediation: >-
  Set log_exports to include "connectionlog" and "userlog" (and "useractivitylog" for queries).
references:
  - https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-audit-logging.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshiftserverless_namespace

"""#),
        ("security/SEC-RSS-004.yaml", #"""
id: SEC-RSS-004
title: Redshift Serverless admin passwords are not written in Terraform
service: redshift-serverless
severity: high
enforcement: hard-mandatory
resource: aws_redshiftserverless_namespace
require: { attribute: admin_user_password, absent: true }
message: Redshift Serverless admin password is set in admin_user_password, where it is stored in state
rationale: >-
  A password in admin_user_password is copied into the Terraform state and plans, where anyone who
  can read them gets administrator access to the warehouse.
remediation: >-
  Set manage_admin_password = true (Secrets Manager keeps and rotates it), or use the write-only
  admin_user_password_wo.
references:
  - https://docs.aws.amazon.com/redshift/latest/mgmt/redshift-secrets-manager-integration.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshiftserverless_namespace

"""#),
        ("security/SEC-S3-001.yaml", #"""
id: SEC-S3-001
title: S3 buckets block all public access
service: s3
severity: critical
enforcement: hard-mandatory
resource: aws_s3_bucket
require:
  referenced_by:
    type: aws_s3_bucket_public_access_block
    attribute: bucket
    where:
      all:
        - { attribute: block_public_acls, equals: true }
        - { attribute: block_public_policy, equals: true }
        - { attribute: ignore_public_acls, equals: true }
        - { attribute: restrict_public_buckets, equals: true }
message: S3 bucket has no aws_s3_bucket_public_access_block with all four flags true
rationale: >-
  Without a public access block, one bucket policy or ACL written by mistake publishes the data to
  the internet. The block is the account-independent guard that stops both, whatever the policy says.
remediation: >-
  Add an aws_s3_bucket_public_access_block whose bucket references this bucket and sets
  block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true.
  The DSL's Bucket and LogBucket add it by default.
references:
  - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block

"""#),
        ("security/SEC-S3-002.yaml", #"""
id: SEC-S3-002
title: S3 bucket ACLs grant nothing to everyone or to any AWS account
service: s3
severity: critical
enforcement: hard-mandatory
resource: aws_s3_bucket_acl
require:
  all:
    - attribute: acl
      not_one_of: [public-read, public-read-write, authenticated-read]
    - attribute: access_control_policy.grant.grantee.uri
      not_matches: 'acs\.amazonaws\.com/groups/global/(AllUsers|AuthenticatedUsers)$'
message: S3 bucket ACL grants access to everyone or to any AWS account
rationale: >-
  The canned ACLs public-read, public-read-write and authenticated-read, and grants to the AllUsers
  or AuthenticatedUsers groups, open a bucket to anyone on the internet or to every AWS customer.
remediation: >-
  Remove the grant or the canned ACL. Prefer BucketOwnerEnforced object ownership, which disables
  ACLs altogether, and grant access with IAM policies.
references:
  - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl

"""#),
        ("security/SEC-S3-003.yaml", #"""
id: SEC-S3-003
title: S3 buckets are encrypted with a customer-managed KMS key
service: s3
severity: high
enforcement: soft-mandatory
resource: aws_s3_bucket
# Buckets that receive server access logs cannot use SSE-KMS; SEC-S3-001 still covers them.
where:
  not:
    referenced_by: { type: aws_s3_bucket_logging, attribute: target_bucket }
require:
  referenced_by:
    type: aws_s3_bucket_server_side_encryption_configuration
    attribute: bucket
    where:
      all:
        - attribute: rule.apply_server_side_encryption_by_default.sse_algorithm
          one_of: ["aws:kms", "aws:kms:dsse"]
        - attribute: rule.apply_server_side_encryption_by_default.kms_master_key_id
          exists: true
message: S3 bucket is not encrypted with a customer-managed KMS key (SSE-KMS with kms_master_key_id)
rationale: >-
  With a customer-managed key, reading an object needs kms:Decrypt on a key you control: access can
  be audited in CloudTrail, restricted per role, and revoked by disabling the key. SSE-S3 and the
  AWS-managed key give none of that.
remediation: >-
  Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with sse_algorithm
  aws:kms and kms_master_key_id set to a key with rotation enabled. The DSL's Bucket does this.
references:
  - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration

"""#),
        ("security/SEC-S3-004.yaml", #"""
id: SEC-S3-004
title: S3 buckets log access
service: s3
severity: medium
enforcement: soft-mandatory
resource: aws_s3_bucket
# The log buckets themselves are exempt (logging into themselves would loop).
where:
  not:
    referenced_by: { type: aws_s3_bucket_logging, attribute: target_bucket }
require:
  referenced_by: { type: aws_s3_bucket_logging, attribute: bucket }
message: S3 bucket has no access logging (no aws_s3_bucket_logging for it)
rationale: >-
  Server access logs record every request to the bucket. Without them an incident cannot be scoped:
  nobody can say which objects were read, by whom, or when.
remediation: >-
  Add an aws_s3_bucket_logging whose bucket references this bucket and whose target_bucket is the
  platform's log bucket. In the DSL, declare one LogBucket and every Bucket logs into it.
references:
  - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging

"""#),
        ("security/SEC-SF-001.yaml", #"""
id: SEC-SF-001
title: Snowflake network policies allow only listed addresses
service: snowflake
severity: high
enforcement: hard-mandatory
resource: snowflake_network_policy
require:
  all:
    - any:
        - { attribute: allowed_ip_list, exists: true }
        - { attribute: allowed_network_rule_list, exists: true }
    - attribute: allowed_ip_list
      not_one_of: ["0.0.0.0/0", "0.0.0.0", "::/0"]
message: Snowflake network policy allows every IP address (no allow list, or 0.0.0.0/0)
rationale: >-
  Snowflake accounts are reachable from the internet. A network policy is the control that keeps
  stolen credentials from being used anywhere but from the company's networks.
remediation: >-
  List the egress addresses of your networks in allowed_ip_list (or use allowed_network_rule_list),
  never 0.0.0.0/0.
references:
  - https://docs.snowflake.com/en/user-guide/network-policies
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/network_policy

"""#),
        ("security/SEC-SF-002.yaml", #"""
id: SEC-SF-002
title: Snowflake service users are bound to a network policy
service: snowflake
severity: high
enforcement: soft-mandatory
resource: [snowflake_service_user, snowflake_legacy_service_user]
require: { attribute: network_policy, exists: true }
message: Snowflake service user has no network policy, so its credentials work from any address
rationale: >-
  Service users run pipelines from known places (the orchestrator's NAT addresses). Pinning them to
  a network policy makes a leaked key useless elsewhere.
remediation: >-
  Set network_policy to a policy that allows only the pipeline's egress addresses.
references:
  - https://docs.snowflake.com/en/user-guide/network-policies
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/service_user

"""#),
        ("security/SEC-SF-003.yaml", #"""
id: SEC-SF-003
title: Snowflake user passwords are not written in Terraform
service: snowflake
severity: high
enforcement: hard-mandatory
resource: [snowflake_user, snowflake_legacy_service_user]
require: { attribute: password, absent: true }
message: Snowflake user's password is set in Terraform, where it is stored in state and shown to plan readers
rationale: >-
  A password in configuration is copied into the Terraform state and every plan file, where anyone
  who can read them can log in as the user.
remediation: >-
  Use key-pair authentication (rsa_public_key) or SSO, or a snowflake_service_user; rotate the
  password that was exposed.
references:
  - https://docs.snowflake.com/en/user-guide/key-pair-auth
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/user

"""#),
        ("security/SEC-SF-004.yaml", #"""
id: SEC-SF-004
title: Snowflake users do not default to administrative roles
service: snowflake
severity: high
enforcement: soft-mandatory
resource: [snowflake_user, snowflake_service_user, snowflake_legacy_service_user]
require:
  attribute: default_role
  not_matches: '(?i)^"?(ACCOUNTADMIN|SECURITYADMIN|ORGADMIN)"?$'
message: Snowflake user defaults to an administrative role (ACCOUNTADMIN, SECURITYADMIN or ORGADMIN)
rationale: >-
  A default administrative role means every session, script and BI tool of the user runs with
  account-wide power, when it should be switched to only for administration.
remediation: >-
  Set default_role to a functional role; grant the administrative role separately and use it with
  USE ROLE when needed.
references:
  - https://docs.snowflake.com/en/user-guide/security-access-control-considerations
  - https://registry.terraform.io/providers/snowflakedb/snowflake/latest/docs/resources/user

"""#),
        ("security/SEC-SM-001.yaml", #"""
id: SEC-SM-001
title: Secrets Manager secrets are encrypted with a customer-managed KMS key
service: secretsmanager
severity: high
enforcement: soft-mandatory
resource: aws_secretsmanager_secret
require: { attribute: kms_key_id, exists: true }
message: Secrets Manager secret is encrypted with the AWS-managed key, not a customer-managed KMS key (kms_key_id)
rationale: >-
  With the AWS-managed key every principal allowed secretsmanager:GetSecretValue can read the value.
  A customer-managed key adds a second, auditable permission (kms:Decrypt) and a way to revoke access.
remediation: >-
  Set kms_key_id to a customer-managed key with rotation. The DSL's Secret creates one per secret.
references:
  - https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret

"""#),
        ("security/SEC-SM-002.yaml", #"""
id: SEC-SM-002
title: Secrets Manager secrets rotate at least every 90 days
service: secretsmanager
severity: medium
enforcement: soft-mandatory
resource: aws_secretsmanager_secret
require:
  referenced_by:
    type: aws_secretsmanager_secret_rotation
    attribute: secret_id
    where:
      any:
        - { attribute: rotation_rules.automatically_after_days, at_most: 90 }
        - { attribute: rotation_rules.schedule_expression, exists: true }
message: Secrets Manager secret has no rotation schedule of at most 90 days
rationale: >-
  A credential that never changes stays valid for as long as any copy of it exists: in a laptop's
  shell history, an old container image, a former employee's notes.
remediation: >-
  Add an aws_secretsmanager_secret_rotation for the secret with a rotation Lambda and
  automatically_after_days of at most 90. In the DSL: Secret(…, rotation: .every(.days(30), usingFunction: "…")).
references:
  - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
  - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret_rotation

"""#),
        ("security/SEC-VAULT-001.yaml", #"""
id: SEC-VAULT-001
title: Vault policies do not grant capabilities on every path
service: vault
severity: critical
enforcement: hard-mandatory
resource: vault_policy
require:
  attribute: policy
  not_matches: 'path\s+"\*"'
message: Vault policy grants capabilities on every path ("*")
rationale: >-
  A rule on path "*" applies to every secret engine, auth method and sys endpoint of the namespace,
  including ones mounted later: it is root in all but name.
remediation: >-
  Write one path rule per secret engine path the holder needs, with the fewest capabilities.
references:
  - https://developer.hashicorp.com/vault/docs/concepts/policies
  - https://registry.terraform.io/providers/hashicorp/vault/latest/docs/resources/policy

"""#),
        ("security/SEC-VAULT-002.yaml", #"""
id: SEC-VAULT-002
title: Vault database roles issue credentials that expire within a day
service: vault
severity: high
enforcement: soft-mandatory
resource: vault_database_secret_backend_role
require:
  all:
    - { attribute: max_ttl, greater_than: 0 }
    - { attribute: max_ttl, at_most: 86400 }
message: Vault database role may issue credentials that live longer than 24 hours (max_ttl unset, 0 or above 86400)
rationale: >-
  Dynamic database credentials are only safer than static ones while they are short-lived; without
  max_ttl they inherit the mount's maximum, 32 days by default.
remediation: >-
  Set max_ttl to at most 86400 seconds (and default_ttl lower still).
references:
  - https://developer.hashicorp.com/vault/docs/secrets/databases
  - https://registry.terraform.io/providers/hashicorp/vault/latest/docs/resources/database_secret_backend_role

"""#),
        ("security/SEC-VAULT-003.yaml", #"""
id: SEC-VAULT-003
title: Vault AppRole secret IDs and tokens expire
service: vault
severity: medium
enforcement: soft-mandatory
resource: vault_approle_auth_backend_role
require:
  all:
    - { attribute: secret_id_ttl, greater_than: 0 }
    - { attribute: secret_id_ttl, at_most: 2592000 }
    - { attribute: token_max_ttl, greater_than: 0 }
    - { attribute: token_max_ttl, at_most: 86400 }
message: Vault AppRole secret IDs or tokens do not expire in time (secret_id_ttl at most 30 days, token_max_ttl at most 24 hours)
rationale: >-
  An AppRole secret ID is a password for a machine; one that never expires is a static credential,
  and tokens without a maximum TTL can be renewed forever.
remediation: >-
  Set secret_id_ttl (at most 2592000 seconds) and token_max_ttl (at most 86400 seconds).
references:
  - https://developer.hashicorp.com/vault/docs/auth/approle
  - https://registry.terraform.io/providers/hashicorp/vault/latest/docs/resources/approle_auth_backend_role

"""#),
    ]
}
