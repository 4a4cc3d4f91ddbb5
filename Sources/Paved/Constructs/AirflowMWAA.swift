/// Amazon MWAA: the environment, its KMS key, its log groups and its execution role.
extension Airflow {
    /// The log groups MWAA writes to, `airflow-<EnvironmentName>-<Suffix>`, with the Terraform name
    /// suffix of each, in the order of the `logging_configuration` blocks.
    static let mwaaLogGroups: [(suffix: String, local: String)] = [
        ("DAGProcessing", "dag_processing"), ("Scheduler", "scheduler"), ("Task", "task"), ("WebServer", "web_server"),
        ("Worker", "worker"),
    ]

    /// The key's policy: the account administers it (through IAM), and CloudWatch Logs in the
    /// environment's region may use it for this environment's log groups only.
    static func mwaaKeyPolicy(accountID: String, region: String, environmentName: String) -> [IAMStatement] {
        LogsKeyPolicy.statements(
            accountID: accountID, region: region, sid: "CloudWatchLogsEncryptsAirflowLogs",
            logGroupNames: ["airflow-\(environmentName)-*"])
    }

    /// What MWAA itself needs (AWS MWAA User Guide, "Amazon MWAA execution role", customer managed
    /// key), scoped to this environment: its metrics, its DAG bucket (read only), its five log groups,
    /// the MWAA-owned Celery queues, and its own key through SQS and S3.
    static func mwaaExecutionStatements(
        accountID: String, region: String, environmentARN: String, bucket: AWSS3Bucket.Ref, bucketKey: AWSKMSKey.Ref,
        key: AWSKMSKey.Ref, logGroups: [AWSCloudwatchLogGroup.Ref]
    ) -> [IAMStatement] {
        var logResources: [TypedValue<String>] = []
        for group in logGroups { logResources += [group.arn, "\(group.arn):*"] }
        return [
            IAMStatement(sid: "PublishMetrics", actions: ["airflow:PublishMetrics"], resources: [.init(environmentARN)]),
            IAMStatement(
                sid: "ReadDagBucket",
                actions: ["s3:GetBucketLocation", "s3:GetBucketPublicAccessBlock", "s3:GetBucketVersioning", "s3:ListBucket"],
                resources: [bucket.arn]),
            IAMStatement(sid: "ReadDags", actions: ["s3:GetObject", "s3:GetObjectVersion"], resources: ["\(bucket.arn)/*"]),
            IAMStatement(
                sid: "DecryptDags", actions: ["kms:Decrypt"], resources: [bucketKey.arn],
                conditions: [.init("StringEquals", "kms:ViaService", [.init("s3.\(region).amazonaws.com")])]),
            // MWAA checks that the account does not make the bucket public; the action has no resource type.
            IAMStatement(sid: "CheckAccountPublicAccessBlock", actions: ["s3:GetAccountPublicAccessBlock"], resources: ["*"]),
            IAMStatement(
                sid: "WriteLogs",
                actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:GetLogEvents", "logs:GetLogGroupFields", "logs:PutLogEvents"],
                resources: logResources),
            IAMStatement(
                sid: "DescribeLogGroups", actions: ["logs:DescribeLogGroups"],
                resources: [.init("arn:aws:logs:\(region):\(accountID):log-group:*")]),
            // PutMetricData has no resource type; the condition keeps it to MWAA's namespace.
            IAMStatement(
                sid: "PutMetrics", actions: ["cloudwatch:PutMetricData"], resources: ["*"],
                conditions: [.init("StringEquals", "cloudwatch:namespace", ["AmazonMWAA"])]),
            IAMStatement(
                sid: "CeleryQueue",
                actions: [
                    "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
                    "sqs:ReceiveMessage", "sqs:SendMessage",
                ],
                resources: [.init("arn:aws:sqs:\(region):*:airflow-celery-*")]),
            IAMStatement(
                sid: "UseEnvironmentKey", actions: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*"],
                resources: [key.arn],
                conditions: [.init(
                    "StringLike", "kms:ViaService", [.init("s3.\(region).amazonaws.com"), .init("sqs.\(region).amazonaws.com")])]),
        ]
    }

    func lowerMWAA(subnets: [String], securityGroups: [String], into context: inout SynthesisContext) {
        let aws = context.aws(for: self)
        let n = resourceName
        let local = "airflow_\(n)"
        let current = settings(in: context.environment.name)
        let tags = context.typedTags(metadata)
        let environmentName = context.physicalName(name)
        if environmentName.count > 80 {
            context.error(
                "MWAA environment name '\(environmentName)' is \(environmentName.count) characters; MWAA allows 80: shorten the platform or construct name",
                at: location)
        }
        let roleName = context.physicalName("airflow-\(name)")
        if roleName.count > 64 {
            context.error(
                "role name '\(roleName)' is \(roleName.count) characters; IAM allows 64: shorten the platform or construct name", at: location)
        }
        let environmentARN = "arn:aws:airflow:\(aws.region):\(aws.accountID):environment/\(environmentName)"

        // The DAG bucket: a Bucket of the platform (versioned, public access blocked, as MWAA requires).
        var dagBucket: Bucket?
        if let dags {
            switch context.construct(named: dags) {
            case nil:
                context.error(unknownTarget(dags, expected: "bucket", context: context), at: location)
            case let found as Bucket:
                dagBucket = found
            case let other?:
                context.error(
                    "\(what) dags '\(dags)' is a \(other.kind), not a bucket: name a Bucket (MWAA needs a versioned S3 bucket with public access blocked)",
                    at: location)
            }
        }
        // Without its bucket (an error above, or from validate()) the environment cannot be written.
        guard let dagBucket else {
            _ = grants.iamStatements(context: &context)  // still report the grants' own errors
            return
        }
        let bucket = dagBucket.bucketRef
        let bucketKey = dagBucket.keyRef

        let keyPolicy = context.addPolicyDocument(
            "\(local)_key", Self.mwaaKeyPolicy(accountID: aws.accountID, region: aws.region, environmentName: environmentName),
            for: self, part: "kms-key")
        let key = context.add(local, AWSKMSKey(
            deletionWindowInDays: 30, description: .init("Encrypts MWAA environment \(environmentName) and its logs"),
            enableKeyRotation: true, policy: keyPolicy.json, rotationPeriodInDays: 365, tags: tags
        ), for: self, part: "kms-key")
        context.add(local, AWSKMSAlias(name: .init("alias/\(roleName)"), targetKeyID: key.keyID), for: self, part: "kms-key")

        var logGroups: [AWSCloudwatchLogGroup.Ref] = []
        for group in Self.mwaaLogGroups {
            logGroups.append(context.add("\(local)_\(group.local)", AWSCloudwatchLogGroup(
                kmsKeyID: key.arn, name: .init("airflow-\(environmentName)-\(group.suffix)"),
                retentionInDays: .init(current.keepLogsFor.days), tags: tags
            ), for: self, part: "logs"))
        }

        let trust = context.addPolicyDocument("\(local)_trust", [IAMStatement(
            sid: "AssumeRole", actions: ["sts:AssumeRole"],
            principals: [.init(type: "Service", identifiers: AWSService.airflow.principals.sorted().map { .init($0) })],
            conditions: [
                .init("ArnLike", "aws:SourceArn", [.init(environmentARN)]),
                .init("StringEquals", "aws:SourceAccount", [.init(aws.accountID)]),
            ])], for: self, part: "execution-role")
        let role = context.add(local, AWSIAMRole(
            assumeRolePolicy: trust.json, description: .init("Execution role of MWAA environment \(environmentName)"),
            maxSessionDuration: 3600, name: .init(roleName), tags: tags
        ), for: self, part: "execution-role")
        let base = Self.mwaaExecutionStatements(
            accountID: aws.accountID, region: aws.region, environmentARN: environmentARN, bucket: bucket, bucketKey: bucketKey,
            key: key, logGroups: logGroups)
        let statements = grants.iamStatements(after: base, context: &context)
        let permissions = context.addPolicyDocument("\(local)_permissions", statements, for: self, part: "execution-role")
        let policy = context.add(
            local, AWSIAMRolePolicy(name: .init("\(roleName)-permissions"), policy: permissions.json, role: role.id),
            for: self, part: "execution-role")

        let level = TypedValue<String>(logLevel?.rawValue ?? LogLevel.info.rawValue)
        context.add(n, AWSMwaaEnvironment(
            airflowVersion: .init(version), dagS3Path: "dags", environmentClass: .init(current.size.mwaaClass),
            executionRoleARN: role.arn, kmsKey: key.arn,
            loggingConfiguration: .init(
                dagProcessingLogs: .init(enabled: true, logLevel: level), schedulerLogs: .init(enabled: true, logLevel: level),
                taskLogs: .init(enabled: true, logLevel: level), webserverLogs: .init(enabled: true, logLevel: level),
                workerLogs: .init(enabled: true, logLevel: level)),
            maxWorkers: .init(current.workers.upperBound), minWorkers: .init(current.workers.lowerBound),
            name: .init(environmentName),
            networkConfiguration: .init(securityGroupIDs: .init(securityGroups.sorted()), subnetIDs: .init(subnets.sorted())),
            schedulers: .init(current.schedulers), sourceBucketARN: bucket.arn, tags: tags,
            webserverAccessMode: webserver == .publicOnTheInternet ? "PUBLIC_ONLY" : "PRIVATE_ONLY"
        ), for: self, dependsOn: logGroups.map(\.terraformAddress) + [policy.terraformAddress])
    }
}
