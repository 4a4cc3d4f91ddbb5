/// The constructs `paved modules export` writes as Terraform modules, each lowered by its own
/// `lower(into:)` (see ``ModuleLowering``). The constructs here carry representative values only
/// where an input replaces them; everything else (encryption, public-access blocks, TLS-only
/// policies, audit logs, rotation periods…) is the construct's secure default, fixed in the module.
enum ModuleCatalog {
    static var all: [ModuleDefinition] { [s3Bucket, secret, snowflakeWarehouse, bigQueryDataset, redshiftServerless] }

    // MARK: - Shared inputs and rules

    static func resource(_ type: String, _ name: String = "this") -> ResourceAddress { .resource(type, name) }

    static func whole(_ v: String) -> String { "floor(\(v)) == \(v)" }

    /// `owner`, `tier` and `data_classification`, with Paved's allowed values (GOV-META-001, GOV-META-002).
    static func metadataRules(_ v: String, what: String) -> [(condition: String, message: String)] {
        [
            (
                "alltrue([for key in [\"owner\", \"tier\", \"data_classification\"] : contains(keys(\(v)), key)])",
                "The \(what) must include owner, tier and data_classification, as every Paved construct writes them."
            ),
            (
                "contains([\"tier1\", \"tier2\", \"tier3\"], lookup(\(v), \"tier\", \"tier1\")) && contains([\"public\", \"internal\", \"confidential\", \"restricted\"], lookup(\(v), \"data_classification\", \"internal\"))",
                "The tier must be tier1, tier2 or tier3, and data_classification public, internal, confidential or restricted."
            ),
        ]
    }

    static let tags = ModuleInput(
        ModuleLowering.tagsVariable, "map(string)",
        "Tags on every taggable resource: at least owner, tier and data_classification; add team, cost_center, environment.",
        validations: metadataRules("var.tags", what: "tags"))

    static let labels = ModuleInput(
        ModuleLowering.labelsVariable, "map(string)",
        "Labels on every labelled resource: at least owner, tier and data_classification, in Google Cloud's label syntax.",
        validations: metadataRules("var.labels", what: "labels") + [(
            "alltrue([for key, value in var.labels : can(regex(\"^[a-z][a-z0-9_-]{0,62}$\", key)) && can(regex(\"^[a-z0-9_-]{0,63}$\", value))])",
            "Label keys must be 1 to 63 lowercase letters, digits, underscores and dashes starting with a letter, and values at most 63 of them."
        )])

    static func number(
        _ name: String, _ description: String, default value: Value?, range: ClosedRange<Int>? = nil, nullable: Bool = false,
        message: String, targets: [ModuleInput.Target]
    ) -> ModuleInput {
        let v = "var.\(name)"
        var rule = "\(v) >= \(range?.lowerBound ?? 1) && \(whole(v))"
        if let range { rule += " && \(v) <= \(range.upperBound)" }
        if nullable { rule = "\(v) == null ? true : (\(rule))" }
        return ModuleInput(name, "number", description, default: value, validations: [(rule, message)], targets: targets)
    }

    /// GOV-META-001 on resources whose tags or labels come from a variable.
    static func metadataNote(_ addresses: [String], variable: String) -> String {
        let quoted = addresses.map { "`\($0)`" }
        let list = quoted.count <= 2
            ? quoted.joined(separator: " and ") : quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
        return "`GOV-META-001` (medium, not failing) on \(list)"
            + ": their \(variable == "labels" ? "labels" : "tags") are `var.\(variable)`, whose value a static check of the module "
            + "cannot see. The `\(variable)` validation requires owner, tier and data_classification with the allowed "
            + "values, so every accepted input meets the rule; `paved check` on a plan (`terraform show -json`) sees the values."
    }

    // MARK: - S3 bucket

    static var s3Bucket: ModuleDefinition {
        let bucket = resource("aws_s3_bucket")
        let lifecycle = resource("aws_s3_bucket_lifecycle_configuration")
        let logging = resource("aws_s3_bucket_logging")
        return ModuleDefinition(
            directory: "s3-bucket", title: "S3 bucket",
            tagline: "A private, KMS-encrypted, versioned, TLS-only bucket with a lifecycle rule, optional access logging, and read and write IAM policies.",
            summary: """
                A private S3 bucket for data: a customer-managed KMS key that rotates (and its alias), \
                SSE-KMS with a bucket key, all four public-access blocks, `BucketOwnerEnforced` \
                ownership (no ACLs), versioning, a bucket policy that denies requests without TLS, \
                a lifecycle rule (expiration, archiving, old versions, abandoned uploads) and, with \
                `log_bucket`, server access logging. Outputs IAM policy documents for reading and \
                writing, to attach to your own roles.
                """,
            construct: "Bucket { Retention(…) }",
            lowered: Bucket("this", classification: .confidential) {
                Retention(expireAfter: .days(365), archiveAfter: .days(90))
            },
            context: [LogBucket("logs")],
            provider: "aws",
            inputs: [
                ModuleInput(
                    "name", "string", "The bucket name, unique in all of S3 (Paved names them PLATFORM-ENV-NAME).",
                    validations: [(
                        "length(var.name) >= 3 && length(var.name) <= 63 && can(regex(\"^[a-z][a-z0-9-]*[a-z0-9]$\", var.name))",
                        "The bucket name must be 3 to 63 lowercase letters, digits and dashes, start with a letter and not end with a dash."
                    )]),
                tags,
                ModuleInput(
                    "force_destroy", "bool", "Let `terraform destroy` delete the bucket while it still holds objects.",
                    default: false, targets: [.at(bucket, "force_destroy")]),
                ModuleInput(
                    "expire_after_days", "number", "Delete objects this many days after creation.",
                    validations: [
                        ("var.expire_after_days >= 1 && \(whole("var.expire_after_days"))",
                         "Retention expiration must be a whole number of days, at least 1."),
                        ("var.expire_after_days > var.archive_after_days",
                         "Retention must expire objects after they are archived: expiration must come after every transition."),
                    ],
                    targets: [.at(lifecycle, "rule[0].expiration[0].days")]),
                ModuleInput(
                    "archive_after_days", "number", "Move objects to `archive_storage_class` this many days after creation.",
                    default: 90,
                    validations: [
                        ("var.archive_after_days >= 1 && \(whole("var.archive_after_days"))",
                         "The retention transition must be a whole number of days, at least 1."),
                        ("var.archive_after_days >= 30 || !contains([\"STANDARD_IA\", \"ONEZONE_IA\"], var.archive_storage_class)",
                         "The retention transition to STANDARD_IA or ONEZONE_IA is too early: S3 needs at least 30 days."),
                    ],
                    targets: [.at(lifecycle, "rule[0].transition[0].days")]),
                ModuleInput(
                    "archive_storage_class", "string", "The storage class objects move to after `archive_after_days`.",
                    default: "GLACIER",
                    validations: [(
                        "contains([\"STANDARD_IA\", \"ONEZONE_IA\", \"INTELLIGENT_TIERING\", \"GLACIER_IR\", \"GLACIER\", \"DEEP_ARCHIVE\"], var.archive_storage_class)",
                        "The archive storage class must be STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or DEEP_ARCHIVE."
                    )],
                    targets: [.at(lifecycle, "rule[0].transition[0].storage_class")]),
                number(
                    "noncurrent_versions_expire_after_days", "Delete overwritten (noncurrent) versions this many days after they are replaced.",
                    default: 30, message: "Retention for noncurrent versions must be a whole number of days, at least 1.",
                    targets: [.at(lifecycle, "rule[0].noncurrent_version_expiration[0].noncurrent_days")]),
                number(
                    "abort_incomplete_uploads_after_days", "Clean up abandoned multipart uploads after this many days.",
                    default: 7, message: "Retention for incomplete uploads must be a whole number of days, at least 1.",
                    targets: [.at(lifecycle, "rule[0].abort_incomplete_multipart_upload[0].days_after_initiation")]),
                ModuleInput(
                    "log_bucket", "string",
                    "The bucket (name) that receives server access logs, under the prefix NAME/; none when null. Paved's LogBucket, or any bucket that accepts S3 server access logs (SSE-S3).",
                    default: .null,
                    targets: [
                        .at(logging, "target_bucket"),
                        .count(logging, .raw("var.log_bucket == null ? 0 : 1")),
                    ]),
            ],
            outputs: [
                ModuleOutput("bucket_name", "The bucket's name.", .ref(bucket, "bucket")),
                ModuleOutput("bucket_arn", "The bucket's ARN.", .ref(bucket, "arn")),
                ModuleOutput("kms_key_arn", "The ARN of the KMS key that encrypts the bucket.", .ref(resource("aws_kms_key", "bucket_this"), "arn")),
                ModuleOutput(
                    "read_policy_json",
                    "An IAM policy (JSON) that reads the bucket: s3:ListBucket, s3:GetObject, and kms:Decrypt through S3. Attach it to your role.",
                    .ref(.data("aws_iam_policy_document", "read"), "json")),
                ModuleOutput(
                    "write_policy_json",
                    "An IAM policy (JSON) that writes objects: s3:PutObject, s3:AbortMultipartUpload, and the KMS calls through S3. No delete.",
                    .ref(.data("aws_iam_policy_document", "write"), "json")),
            ],
            example: """
                name              = "acme-data-prod-raw-events"
                expire_after_days = 400
                log_bucket        = "acme-data-prod-access-logs"
                tags = {
                  owner               = "data-platform@acme.io"
                  tier                = "tier1"
                  data_classification = "confidential"
                }
                """,
            accessPolicies: [.read, .write],
            policyNotes: [metadataNote(["aws_kms_key.bucket_this", "aws_s3_bucket.this"], variable: "tags")])
    }

    // MARK: - Secret

    static var secret: ModuleDefinition {
        let secret = resource("aws_secretsmanager_secret")
        let rotation = resource("aws_secretsmanager_secret_rotation")
        let permission = resource("aws_lambda_permission", "rotate_this")
        let rotating = Value.raw("var.rotation_lambda_arn == null ? 0 : 1")
        return ModuleDefinition(
            directory: "secret", title: "Secrets Manager secret",
            tagline: "A secret encrypted with its own KMS key (never its value), optional rotation, and a read IAM policy.",
            summary: """
                A Secrets Manager secret encrypted with its own customer-managed KMS key (rotating, \
                with an alias), and — with `rotation_lambda_arn` — a rotation schedule and the \
                permission for Secrets Manager to invoke the rotation function. The module declares \
                the secret, never its value: set it out of band (console, CLI, or the rotation \
                function). Outputs an IAM policy document for reading it.
                """,
            construct: "Secret",
            lowered: Secret(
                "this", description: "The secret", recoveryWindow: .days(30),
                rotation: .every(.days(30), usingFunctionARN: "arn:aws:lambda:eu-west-1:111111111111:function:rotate")),
            provider: "aws",
            inputs: [
                ModuleInput(
                    "name", "string", "The secret's name, a path (Paved names them PLATFORM/ENV/NAME); its KMS key alias is the name with dashes for slashes.",
                    validations: [(
                        "length(var.name) <= 250 && can(regex(\"^[a-z][a-z0-9/-]*[a-z0-9]$\", var.name)) && !strcontains(var.name, \"//\")",
                        "The secret name must be at most 250 lowercase letters, digits, dashes and slashes, start with a letter and end with a letter or digit, without empty path segments."
                    )],
                    // The key alias is the name with dashes for slashes, as the construct writes it
                    // from its own name (`alias/acme-data-prod-snowflake-etl-password`).
                    targets: [.at(resource("aws_kms_alias", "secret_this"), "name", .template([
                        .literal("alias/"), .expression(.call("replace", [.variable("name"), "/", "-"])),
                    ]))]),
                ModuleInput(
                    "description", "string", "What the secret is for.", default: .null, targets: [.at(secret, "description")]),
                tags,
                number(
                    "recovery_window_days", "Days a deleted secret can be restored before it is gone.",
                    default: 30, range: 7...30, message: "The secret's recovery window must be 7 to 30 days.",
                    targets: [.at(secret, "recovery_window_in_days")]),
                ModuleInput(
                    "rotation_lambda_arn", "string", "The Lambda function that rotates the secret; no rotation when null.",
                    default: .null,
                    validations: [(
                        "var.rotation_lambda_arn == null ? true : can(regex(\"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}$\", var.rotation_lambda_arn))",
                        "The rotation function must be a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)."
                    )],
                    targets: [
                        .at(permission, "function_name"), .count(permission, rotating),
                        .at(rotation, "rotation_lambda_arn"), .count(rotation, rotating),
                    ]),
                number(
                    "rotation_days", "Rotate the secret every this many days (with `rotation_lambda_arn`).",
                    default: 30, range: 1...1000, message: "The rotation interval must be 1 to 1000 days.",
                    targets: [.at(rotation, "rotation_rules[0].automatically_after_days")]),
            ],
            outputs: [
                ModuleOutput("secret_arn", "The secret's ARN.", .ref(secret, "arn")),
                ModuleOutput("secret_name", "The secret's name.", .ref(secret, "name")),
                ModuleOutput("kms_key_arn", "The ARN of the KMS key that encrypts the secret.", .ref(resource("aws_kms_key", "secret_this"), "arn")),
                ModuleOutput(
                    "read_policy_json",
                    "An IAM policy (JSON) that reads the secret: secretsmanager:GetSecretValue and DescribeSecret, and kms:Decrypt through Secrets Manager. Attach it to your role.",
                    .ref(.data("aws_iam_policy_document", "read_secret"), "json")),
            ],
            example: """
                name                = "acme-data/prod/snowflake/etl-password"
                description         = "Password of the Snowflake ETL user"
                rotation_lambda_arn = "arn:aws:lambda:eu-west-1:222222222222:function:snowflake-password-rotation"
                tags = {
                  owner               = "data-platform@acme.io"
                  tier                = "tier1"
                  data_classification = "restricted"
                }
                """,
            accessPolicies: [.readSecret],
            policyNotes: [
                metadataNote(["aws_kms_key.secret_this", "aws_secretsmanager_secret.this"], variable: "tags"),
                "`SEC-SM-002` (medium, not failing) on `aws_secretsmanager_secret.this`: the rotation schedule exists only "
                    + "when `rotation_lambda_arn` is set, and its interval is `var.rotation_days`, so a static check sees no "
                    + "schedule of at most 90 days. Set `rotation_lambda_arn` and keep `rotation_days` at 90 or less (default 30): "
                    + "the input accepts 1 to 1000 days, as the DSL does, and the policy asks for 90.",
            ])
    }

    // MARK: - Snowflake warehouse

    static var snowflakeWarehouse: ModuleDefinition {
        let warehouse = resource("snowflake_warehouse")
        let monitor = resource("snowflake_resource_monitor")
        let multiCluster = "var.max_cluster_count > 1"
        let clusterMaximums = Snowflake.Warehouse.Size.allCases.map { "\"\($0.rawValue)\" = \($0.maxClusters)" }.joined(separator: ", ")
        return ModuleDefinition(
            directory: "snowflake-warehouse", title: "Snowflake warehouse with a credit budget",
            tagline: "A warehouse that suspends when idle and times out runaway statements, watched by a resource monitor with a monthly credit quota.",
            summary: """
                A Snowflake virtual warehouse that starts suspended, resumes on demand, suspends when \
                idle and times out runaway statements, watched by a resource monitor with a monthly \
                credit quota that notifies at each `notify_at_percent` and suspends the warehouse at \
                `suspend_at_percent`. Owner, tier and classification go into the warehouse's comment \
                (Snowflake objects take no tags).
                """,
            construct: "Snowflake.Warehouse { CreditBudget(…) }",
            lowered: Snowflake.Warehouse("this", clusters: 1...2) {
                CreditBudget(perMonth: 100, notifyAt: [75, 90], suspendAt: 100, suspendImmediatelyAt: 110)
            },
            provider: "snowflake",
            inputs: [
                ModuleInput(
                    "name", "string", "The warehouse's identifier, unquoted (Paved names them PLATFORM_ENV_NAME); its monitor is NAME_MONITOR.",
                    validations: [(
                        "length(var.name) <= 247 && can(regex(\"^[A-Z][A-Z0-9_]*$\", var.name))",
                        "The warehouse name must be an unquoted Snowflake identifier: uppercase letters, digits and underscores, starting with a letter, at most 247 characters."
                    )]),
                ModuleInput("description", "string", "What the warehouse is for; the start of its comment.", default: "Warehouse"),
                ModuleInput(
                    "metadata", "map(string)",
                    "Owner, tier, data_classification (required) and team, cost_center, environment, written into the comment as key=value.",
                    validations: metadataRules("var.metadata", what: "metadata"),
                    targets: [.at(warehouse, "comment", .raw(
                        "format(\"%s. Managed by Paved. %s\", var.description, join(\"; \", [for key in sort(keys(var.metadata)) : format(\"%s=%s\", key, var.metadata[key])]))"))]),
                ModuleInput(
                    "warehouse_size", "string", "The size; each step doubles the credits per hour.", default: "XSMALL",
                    validations: [(
                        "contains([\"XSMALL\", \"SMALL\", \"MEDIUM\", \"LARGE\", \"XLARGE\", \"XXLARGE\", \"XXXLARGE\", \"X4LARGE\"], var.warehouse_size)",
                        "The warehouse size must be XSMALL, SMALL, MEDIUM, LARGE, XLARGE, XXLARGE, XXXLARGE or X4LARGE."
                    )],
                    targets: [.at(warehouse, "warehouse_size")]),
                number(
                    "auto_suspend_seconds", "Suspend after this many idle seconds.", default: 300, range: 60...3600,
                    message: "autoSuspend must be 60 to 3600 seconds (1 to 60 minutes): Snowflake bills at least a minute per resume, and idle warehouses bill every second.",
                    targets: [.at(warehouse, "auto_suspend")]),
                number(
                    "statement_timeout_seconds", "Cancel statements that run longer than this.", default: 3600, range: 1...604_800,
                    message: "statementTimeout must be 1 second to 7 days (604800 seconds).",
                    targets: [.at(warehouse, "statement_timeout_in_seconds")]),
                number(
                    "min_cluster_count", "The minimum number of clusters of a multi-cluster warehouse (Enterprise edition).",
                    default: 1, range: 1...10, message: "Clusters must be within 1 to 10.",
                    targets: [.at(warehouse, "min_cluster_count", .raw("\(multiCluster) ? var.min_cluster_count : null"))]),
                ModuleInput(
                    "max_cluster_count", "number", "The maximum number of clusters; above 1 makes a multi-cluster warehouse (Enterprise edition).",
                    default: 1,
                    validations: [(
                        "var.max_cluster_count >= 1 && var.max_cluster_count <= lookup({\(clusterMaximums)}, var.warehouse_size, 10) && \(whole("var.max_cluster_count")) && var.max_cluster_count >= var.min_cluster_count",
                        "Clusters must be within 1 and the size's multi-cluster maximum (300 up to MEDIUM, 160 LARGE, 80 XLARGE, 40 XXLARGE, 20 XXXLARGE, 10 X4LARGE), and max_cluster_count at least min_cluster_count."
                    )],
                    targets: [.at(warehouse, "max_cluster_count", .raw("\(multiCluster) ? var.max_cluster_count : null"))]),
                ModuleInput(
                    "scaling_policy", "string", "How a multi-cluster warehouse adds clusters: STANDARD queues less, ECONOMY spends less.",
                    default: "STANDARD",
                    validations: [("contains([\"STANDARD\", \"ECONOMY\"], var.scaling_policy)", "The scaling policy must be STANDARD or ECONOMY.")],
                    targets: [.at(warehouse, "scaling_policy", .raw("\(multiCluster) ? var.scaling_policy : null"))]),
                number(
                    "credits_per_month", "The monthly credit quota of the resource monitor.", default: nil,
                    message: "The credit budget must be a positive whole number of credits per month.",
                    targets: [.at(monitor, "credit_quota")]),
                ModuleInput(
                    "notify_at_percent", "list(number)", "Notify account administrators at these percentages of the quota.",
                    default: [75, 90],
                    validations: [
                        ("alltrue([for p in var.notify_at_percent : p >= 1 && p <= 500 && \(whole("p"))])",
                         "Credit budget thresholds must be whole percentages from 1 to 500."),
                        ("length(distinct(var.notify_at_percent)) == length(var.notify_at_percent)",
                         "The credit budget must not notify twice at the same percentage."),
                        ("alltrue([for p in var.notify_at_percent : p < var.suspend_at_percent])",
                         "A notification at or after the suspension is never useful: notify_at_percent must stay below suspend_at_percent."),
                    ],
                    targets: [.at(monitor, "notify_triggers", .raw("length(var.notify_at_percent) == 0 ? null : var.notify_at_percent"))]),
                number(
                    "suspend_at_percent", "Suspend the warehouse at this percentage of the quota, letting running queries finish.",
                    default: 100, range: 1...500, message: "Credit budget thresholds must be whole percentages from 1 to 500.",
                    targets: [.at(monitor, "suspend_trigger")]),
                ModuleInput(
                    "suspend_immediately_at_percent", "number",
                    "Suspend the warehouse and cancel running queries at this percentage; none when null.", default: .null,
                    validations: [(
                        "var.suspend_immediately_at_percent == null ? true : (var.suspend_immediately_at_percent >= var.suspend_at_percent && var.suspend_immediately_at_percent <= 500 && \(whole("var.suspend_immediately_at_percent")))",
                        "suspend_immediately_at_percent must be a whole percentage from suspend_at_percent to 500."
                    )],
                    targets: [.at(monitor, "suspend_immediate_trigger")]),
            ],
            outputs: [
                ModuleOutput("warehouse_name", "The warehouse's name, for grants and connections.", .ref(warehouse, "name")),
                ModuleOutput("warehouse_fully_qualified_name", "The warehouse's fully qualified name.", .ref(warehouse, "fully_qualified_name")),
                ModuleOutput("resource_monitor_name", "The resource monitor's name.", .ref(monitor, "name")),
            ],
            example: """
                name              = "ACME_DATA_PROD_TRANSFORM"
                description       = "dbt transformations"
                warehouse_size    = "MEDIUM"
                credits_per_month = 500
                notify_at_percent = [50, 90]
                metadata = {
                  owner               = "analytics-engineering@acme.io"
                  tier                = "tier1"
                  data_classification = "internal"
                }
                """,
            policyNotes: [
                "`COST-SF-001` (medium, not failing) on `snowflake_warehouse.this`: `auto_suspend` is "
                    + "`var.auto_suspend_seconds`, which a static check cannot read; its validation enforces the rule's "
                    + "60 to 3600 seconds.",
                "`COST-SF-002` (medium, not failing) on `snowflake_warehouse.this`: the size is `var.warehouse_size` and "
                    + "the tier is in `var.metadata`, which a static check cannot read. The module does not tie them "
                    + "(neither does the DSL); the policy allows tier1 up to XXLARGE, tier2 up to LARGE and others up to "
                    + "MEDIUM: `paved check` on a plan (`terraform show -json`) applies it.",
                "`COST-SF-004` (medium, not failing) on `snowflake_resource_monitor.this`: `credit_quota` and "
                    + "`suspend_trigger` are `var.credits_per_month` (required, positive) and `var.suspend_at_percent` "
                    + "(default 100), which a static check cannot read; every accepted input sets both.",
            ])
    }

    // MARK: - BigQuery dataset

    static var bigQueryDataset: ModuleDefinition {
        let dataset = resource("google_bigquery_dataset")
        let ring = resource("google_kms_key_ring", "bq_this")
        let expiration = { (name: String) in Value.raw("var.\(name) == null ? null : var.\(name) * 86400000") }
        return ModuleDefinition(
            directory: "bigquery-dataset", title: "BigQuery dataset",
            tagline: "A dataset encrypted with its own Cloud KMS key, with table and partition expiration and time travel.",
            summary: """
                A BigQuery dataset encrypted with its own Cloud KMS key: a key ring in the dataset's \
                location, a key rotated every 90 days, use of that key granted to BigQuery's service \
                agent only, and the dataset with default table and partition expiration, time travel \
                and labels. Tables are not deleted with the dataset.
                """,
            construct: "BigQueryDataset",
            lowered: BigQueryDataset(
                "this", location: "EU", description: "The dataset", tableExpiration: .days(30), partitionExpiration: .days(30)),
            provider: "google",
            inputs: [
                ModuleInput(
                    "name", "string", "The dataset ID (Paved names them PLATFORM_ENV_NAME); its key ring is bq-NAME.",
                    validations: [(
                        "length(var.name) <= 60 && can(regex(\"^[a-z][a-z0-9_]*$\", var.name))",
                        "The dataset ID must be at most 60 lowercase letters, digits and underscores, starting with a letter."
                    )]),
                ModuleInput(
                    "project", "string", "The Google Cloud project of the dataset and its key.",
                    validations: [(
                        "can(regex(\"^[a-z][a-z0-9-]{4,28}[a-z0-9]$\", var.project))",
                        "The project must be a Google Cloud project ID (6 to 30 lowercase letters, digits and dashes, starting with a letter)."
                    )]),
                ModuleInput(
                    "location", "string", "Where the data lives: EU, US or a region such as europe-west1. The key ring is in the matching Cloud KMS location.",
                    validations: [(
                        "contains([\"EU\", \"US\", \"eu\", \"us\"], var.location) || can(regex(\"^[a-z]+-[a-z]+[0-9]+$\", var.location))",
                        "The location must be a BigQuery location (EU, US or a region such as europe-west1)."
                    )],
                    targets: [
                        .at(dataset, "location"),
                        .at(ring, "location", .raw("lower(var.location) == \"eu\" ? \"europe\" : lower(var.location)")),
                    ]),
                ModuleInput("description", "string", "What the dataset holds.", default: .null, targets: [.at(dataset, "description")]),
                labels,
                number(
                    "table_expiration_days", "Delete tables this many days after creation; never when null.", default: .null, nullable: true,
                    message: "tableExpiration must be a whole number of days, at least 1.",
                    targets: [.at(dataset, "default_table_expiration_ms", expiration("table_expiration_days"))]),
                number(
                    "partition_expiration_days", "Delete partitions this many days after their partition time; never when null.",
                    default: .null, nullable: true, message: "partitionExpiration must be a whole number of days, at least 1.",
                    targets: [.at(dataset, "default_partition_expiration_ms", expiration("partition_expiration_days"))]),
                number(
                    "time_travel_days", "Days of time travel (deleted and changed data stay recoverable).", default: 7, range: 2...7,
                    message: "timeTravel must be 2 to 7 whole days: BigQuery keeps 48 to 168 hours, in days.",
                    targets: [.at(dataset, "max_time_travel_hours", .raw("tostring(var.time_travel_days * 24)"))]),
            ],
            outputs: [
                ModuleOutput("dataset_id", "The dataset ID.", .ref(dataset, "dataset_id")),
                ModuleOutput("dataset", "The dataset's full ID: projects/PROJECT/datasets/NAME.", .ref(dataset, "id")),
                ModuleOutput("project", "The dataset's project.", .ref(dataset, "project")),
                ModuleOutput("kms_key_id", "The Cloud KMS key that encrypts the dataset.", .ref(resource("google_kms_crypto_key", "bq_this"), "id")),
            ],
            example: """
                name                      = "acme_data_prod_events"
                project                   = "acme-data-prod"
                location                  = "EU"
                partition_expiration_days = 400
                labels = {
                  owner               = "data-platform_acme_io"
                  tier                = "tier1"
                  data_classification = "confidential"
                }
                """,
            policyNotes: [metadataNote(["google_bigquery_dataset.this", "google_kms_crypto_key.bq_this"], variable: "labels")])
    }

    // MARK: - Redshift Serverless

    static var redshiftServerless: ModuleDefinition {
        let namespace = resource("aws_redshiftserverless_namespace")
        let workgroup = resource("aws_redshiftserverless_workgroup")
        let limit = resource("aws_redshiftserverless_usage_limit", "this_monthly_deactivate")
        let idRule = { (name: String, prefix: String, what: String) -> [(condition: String, message: String)] in
            [
                ("length(var.\(name)) > 0", "The workgroup needs \(what): it is reachable only inside your VPC."),
                ("alltrue([for id in var.\(name) : can(regex(\"^\(prefix)-([0-9a-f]{8}|[0-9a-f]{17})$\", id))])",
                 "Each of \(name) must be a \(what.dropLast()) ID (\(prefix)- and 8 or 17 hex digits)."),
                ("length(distinct(var.\(name))) == length(var.\(name))", "\(name) lists an ID twice."),
            ]
        }
        return ModuleDefinition(
            directory: "redshift-serverless", title: "Redshift Serverless warehouse",
            tagline: "A private, KMS-encrypted namespace and workgroup with a Secrets Manager admin password, audit logs and a monthly RPU-hour limit.",
            summary: """
                An Amazon Redshift Serverless namespace encrypted with its own KMS key (rotating), \
                whose admin password Secrets Manager creates and keeps (no password is ever written), \
                exporting its connection, user and user-activity logs; a workgroup that is not publicly \
                accessible, routes through your VPC (enhanced VPC routing) and has capped capacity; and \
                a monthly compute usage limit in RPU-hours that deactivates the workgroup when reached.
                """,
            construct: "RedshiftServerless { UsageLimit(…) }",
            lowered: RedshiftServerless(
                "this", baseCapacity: 8, maxCapacity: 64, subnetIDs: ["subnet-0a1b2c3d", "subnet-1a2b3c4d"],
                securityGroupIDs: ["sg-0123abcd"]
            ) {
                UsageLimit(rpuHoursPerMonth: 1000, breach: .deactivate)
            },
            provider: "aws",
            inputs: [
                ModuleInput(
                    "name", "string", "The namespace and workgroup name (Paved names them PLATFORM-ENV-NAME); the KMS alias is NAME-redshift.",
                    validations: [(
                        "length(var.name) >= 3 && length(var.name) <= 64 && can(regex(\"^[a-z][a-z0-9-]*[a-z0-9]$\", var.name))",
                        "The name must be 3 to 64 lowercase letters, digits and dashes, start with a letter and not end with a dash."
                    )]),
                tags,
                ModuleInput(
                    "database_name", "string", "The first database of the namespace.",
                    validations: [(
                        "can(regex(\"^[a-z][a-z0-9_]{0,63}$\", var.database_name))",
                        "The database name must be 1 to 64 lowercase letters, digits and underscores, starting with a letter."
                    )],
                    targets: [.at(namespace, "db_name")]),
                ModuleInput(
                    "admin_username", "string", "The admin user; Secrets Manager keeps its password.", default: "admin",
                    validations: [(
                        "length(var.admin_username) <= 128 && can(regex(\"^[a-z][a-z0-9_]*$\", var.admin_username))",
                        "The admin username must be 1 to 128 lowercase letters, digits and underscores, starting with a letter."
                    )],
                    targets: [.at(namespace, "admin_username")]),
                ModuleInput(
                    "base_capacity", "number", "The base capacity in Redshift Processing Units.", default: 8,
                    validations: [(
                        "var.base_capacity == 4 || (var.base_capacity >= 8 && var.base_capacity <= 512 && var.base_capacity % 8 == 0) || (var.base_capacity >= 512 && var.base_capacity <= 1024 && var.base_capacity % 32 == 0)",
                        "base_capacity must be 4, 8 to 512 RPUs in steps of 8, or 512 to 1024 in steps of 32."
                    )],
                    targets: [.at(workgroup, "base_capacity")]),
                ModuleInput(
                    "max_capacity", "number", "The most RPUs the workgroup scales to.",
                    validations: [(
                        "var.max_capacity >= var.base_capacity && var.max_capacity <= 5632 && var.max_capacity % 8 == 0",
                        "max_capacity must be at least base_capacity and at most 5632 RPUs, in steps of 8."
                    )],
                    targets: [.at(workgroup, "max_capacity")]),
                ModuleInput(
                    "subnet_ids", "list(string)", "The VPC subnets of the workgroup.",
                    validations: idRule("subnet_ids", "subnet", "subnets"), targets: [.at(workgroup, "subnet_ids")]),
                ModuleInput(
                    "security_group_ids", "list(string)", "The security groups that may reach the workgroup.",
                    validations: idRule("security_group_ids", "sg", "security groups"), targets: [.at(workgroup, "security_group_ids")]),
                number(
                    "monthly_rpu_hours", "The compute usage limit: RPU-hours per month, after which the workgroup is deactivated until the month ends.",
                    default: nil, message: "The usage limit must be a positive whole number of RPU-hours.",
                    targets: [.at(limit, "amount")]),
            ],
            outputs: [
                ModuleOutput("namespace_name", "The namespace's name.", .ref(namespace, "namespace_name")),
                ModuleOutput("namespace_arn", "The namespace's ARN.", .ref(namespace, "arn")),
                ModuleOutput("workgroup_name", "The workgroup's name.", .ref(workgroup, "workgroup_name")),
                ModuleOutput("workgroup_arn", "The workgroup's ARN.", .ref(workgroup, "arn")),
                ModuleOutput(
                    "endpoint_address", "The workgroup endpoint's host name (inside the VPC).",
                    .expression(.reference(Reference(workgroup, steps: [.attribute("endpoint"), .index(0), .attribute("address")])))),
                ModuleOutput("port", "The workgroup endpoint's port.", .ref(workgroup, "port")),
                ModuleOutput(
                    "admin_password_secret_arn", "The Secrets Manager secret that holds the admin password.",
                    .ref(namespace, "admin_password_secret_arn")),
                ModuleOutput("kms_key_arn", "The ARN of the KMS key that encrypts the namespace and its admin password.", .ref(resource("aws_kms_key", "redshift_this"), "arn")),
            ],
            example: """
                name               = "acme-data-prod-analytics"
                database_name      = "analytics"
                max_capacity       = 64
                subnet_ids         = ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"]
                security_group_ids = ["sg-0123abcd"]
                monthly_rpu_hours  = 2000
                tags = {
                  owner               = "data-platform@acme.io"
                  tier                = "tier1"
                  data_classification = "confidential"
                }
                """,
            policyNotes: [metadataNote(
                ["aws_kms_key.redshift_this", "aws_redshiftserverless_namespace.this", "aws_redshiftserverless_workgroup.this"],
                variable: "tags")])
    }
}
