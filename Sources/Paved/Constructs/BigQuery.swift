/// A construct that Google Cloud principals (``GCPServiceAccount``, ``GCPGroup``) can be granted
/// access to. Each kind of target lowers its own intents to IAM bindings on itself.
public protocol GCPGrantTarget: Construct {
    /// The intents this target understands, for messages.
    var gcpIntents: [AccessIntent] { get }
    /// Adds the IAM binding that grants `intent` on this target to `member` (`serviceAccount:…`).
    func addGCPGrant(
        _ intent: AccessIntent, member: TypedValue<String>, name: String, for grantee: any Construct,
        at location: SourceLocation, context: inout SynthesisContext)
    /// Roles on the project a grantee also needs for `intent` on this kind of target, granted once
    /// per grantee however many targets ask for them (BigQuery's job user, to run queries). None
    /// by default: access stays on the resource.
    func gcpProjectRoles(for intent: AccessIntent) -> [GCPProjectRole]
}

extension GCPGrantTarget {
    public func gcpProjectRoles(for intent: AccessIntent) -> [GCPProjectRole] { [] }
}

/// A role on the environment's project that some grants need besides the binding on the resource.
public struct GCPProjectRole: Sendable, Hashable {
    /// `roles/bigquery.jobUser`.
    public var role: String
    /// The suffix of the `google_project_iam_member` local name: `<grantee>_<suffix>`.
    public var suffix: String

    public init(_ role: String, suffix: String) {
        self.role = role
        self.suffix = suffix
    }

    /// Runs query jobs in the project; the least role a BigQuery reader or writer needs besides the dataset.
    public static let bigQueryJobUser = GCPProjectRole("roles/bigquery.jobUser", suffix: "bigquery_job_user")
}

/// A BigQuery dataset, encrypted with its own Cloud KMS key, with default table and partition
/// expiration, time travel, labels from the metadata and IAM from intents.
///
/// ```swift
/// BigQueryDataset("events", location: "EU", tableExpiration: nil, partitionExpiration: .days(400),
///                 classification: .confidential)
///     .overriding(in: .dev, tableExpiration: .days(30))
/// ```
///
/// Writes a `google_kms_key_ring` and a `google_kms_crypto_key` (rotated every 90 days) in the
/// dataset's location, grants BigQuery's service agent use of that key only, and the
/// `google_bigquery_dataset` with `default_encryption_configuration` on it.
public struct BigQueryDataset: GCPGrantTarget {
    /// What one environment changes.
    public struct Override: Sendable {
        public var tableExpiration: Interval?
        public var partitionExpiration: Interval?
        public var timeTravel: Interval?
        public var location: SourceLocation
    }

    public var kind: String { "bigquery dataset" }
    public var name: String
    /// Where the data lives: `EU`, `US` or a region such as `europe-west1`.
    public var dataLocation: String
    public var description: String?
    public var metadata: Metadata
    public var tableExpiration: Interval?
    public var partitionExpiration: Interval?
    public var timeTravel: Interval
    public var overrides: [EnvironmentName: Override] = [:]
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, location: String, description: String? = nil, tableExpiration: Interval? = nil,
        partitionExpiration: Interval? = nil, timeTravel: Interval = .days(7),
        owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
        costCenter: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.name = name
        self.dataLocation = location
        self.description = description
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
        self.tableExpiration = tableExpiration
        self.partitionExpiration = partitionExpiration
        self.timeTravel = timeTravel
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    /// Changes the expirations or time travel in one environment (tables expire in dev, say).
    public func overriding(
        in environment: EnvironmentName, tableExpiration: Interval? = nil, partitionExpiration: Interval? = nil,
        timeTravel: Interval? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) -> Self {
        var copy = self
        copy.overrides[environment] = Override(
            tableExpiration: tableExpiration, partitionExpiration: partitionExpiration, timeTravel: timeTravel,
            location: SourceLocation(fileID: file, filePath: filePath, line: line))
        return copy
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        if Self.kmsLocation(dataLocation) == nil {
            out.append(.error("bigquery dataset '\(name)' location '\(dataLocation)' is not a BigQuery location (EU, US or a region such as europe-west1)", at: location))
        }
        out += Self.check(tableExpiration: tableExpiration, partitionExpiration: partitionExpiration, timeTravel: timeTravel,
                          of: "bigquery dataset '\(name)'", at: location)
        for environment in overrides.keys.sorted() {
            guard let o = overrides[environment] else { continue }
            out += Self.check(tableExpiration: o.tableExpiration, partitionExpiration: o.partitionExpiration, timeTravel: o.timeTravel,
                              of: "bigquery dataset '\(name)' in \(environment)", at: o.location)
        }
        return out
    }

    static func check(
        tableExpiration: Interval?, partitionExpiration: Interval?, timeTravel: Interval?, of what: String, at location: SourceLocation
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let t = tableExpiration, t.seconds < 3600 {
            out.append(.error("\(what) tableExpiration must be at least 1 hour (got \(t))", at: location))
        }
        if let p = partitionExpiration, p.seconds < 1 {
            out.append(.error("\(what) partitionExpiration must be positive (got \(p))", at: location))
        }
        if let t = timeTravel, t.seconds % 86_400 != 0 || !(2...7).contains(t.days) {
            out.append(.error("\(what) timeTravel must be 2 to 7 whole days (got \(t)): BigQuery keeps 48 to 168 hours, in days", at: location))
        }
        return out
    }

    /// The Cloud KMS location for a BigQuery location: `EU` → `europe`, `US` → `us`, regions as they are.
    static func kmsLocation(_ location: String) -> String? {
        switch location {
        case "EU", "eu": return "europe"
        case "US", "us": return "us"
        default: return Synthesizer.isGCPRegion(location) ? location : nil
        }
    }

    var resourceName: String { Identifier.sanitize(name) }
    var datasetRef: GoogleBigqueryDataset.Ref { GoogleBigqueryDataset.Ref(resourceName) }

    public func lower(into context: inout SynthesisContext) {
        let gcp = context.gcp(for: self)
        let n = resourceName
        let project = TypedValue<String>(gcp.projectID)
        let override = overrides[context.environment.name]
        let tableExpiration = override?.tableExpiration ?? tableExpiration
        let partitionExpiration = override?.partitionExpiration ?? partitionExpiration
        let timeTravel = override?.timeTravel ?? timeTravel
        let labels = context.labels(metadata)

        let ring = context.add("bq_\(n)", GoogleKMSKeyRing(
            location: .init(Self.kmsLocation(dataLocation) ?? dataLocation), name: .init(context.physicalName("bq-\(name)")), project: project
        ), for: self, part: "key")
        let key = context.add("bq_\(n)", GoogleKMSCryptoKey(
            keyRing: ring.id, labels: labels, name: "bigquery", purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s"
        ), for: self, part: "key")
        let agent = context.add("bq_\(n)", DataGoogleBigqueryDefaultServiceAccount(project: project), for: self, part: "key")
        let keyAccess = context.add("bq_\(n)", GoogleKMSCryptoKeyIAMMember(
            cryptoKeyID: key.id, member: "serviceAccount:\(agent.email)", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter"
        ), for: self, part: "key")

        context.add(n, GoogleBigqueryDataset(
            datasetID: .init(context.physicalName(name, separator: "_").replacingOccurrences(of: "-", with: "_")),
            defaultEncryptionConfiguration: .init(kmsKeyName: key.id),
            defaultPartitionExpirationMs: partitionExpiration.map { TypedValue<Double>($0.seconds * 1000) },
            defaultTableExpirationMs: tableExpiration.map { TypedValue<Double>($0.seconds * 1000) },
            deleteContentsOnDestroy: false,
            description: description.map { TypedValue($0) },
            labels: labels, location: .init(dataLocation), maxTimeTravelHours: .init(String(timeTravel.seconds / 3600)),
            project: project
        ), for: self, dependsOn: [keyAccess.terraformAddress])
    }

    public var gcpIntents: [AccessIntent] { [.read, .write] }

    public func addGCPGrant(
        _ intent: AccessIntent, member: TypedValue<String>, name: String, for grantee: any Construct,
        at location: SourceLocation, context: inout SynthesisContext
    ) {
        let role: String
        switch intent {
        case .read: role = "roles/bigquery.dataViewer"
        case .write: role = "roles/bigquery.dataEditor"
        case .readSecret, .use, .own: return
        }
        context.add(name, GoogleBigqueryDatasetIAMMember(
            datasetID: datasetRef.datasetID, member: member, project: datasetRef.project, role: .init(role)
        ), for: grantee, at: location, part: "grants")
    }

    /// Reading or writing a dataset from a query needs a job: `roles/bigquery.jobUser` on the project.
    public func gcpProjectRoles(for intent: AccessIntent) -> [GCPProjectRole] { [.bigQueryJobUser] }
}

/// A Google Cloud service account for a workload, granted access from intents.
///
/// ```swift
/// GCPServiceAccount("transformer", workloadIdentity: [.kubernetes(namespace: "dagster", serviceAccount: "runner")]) {
///     Allow(.read, on: "events")         // roles/bigquery.dataViewer on the dataset
///     Allow(.write, on: "marts")         // roles/bigquery.dataEditor on the dataset
///     Allow(.read, on: "landing")        // roles/storage.objectViewer on the gcs bucket
///     Allow(.readSecret, on: "dbt-token") // roles/secretmanager.secretAccessor on the secret
/// }
/// ```
/// A service account with any BigQuery grant also gets `roles/bigquery.jobUser` on the project, the
/// least role that lets it run queries. No key is created: workloads use workload identity (the
/// Kubernetes service accounts in `workloadIdentity` may impersonate it) or impersonation.
public struct GCPServiceAccount: Construct {
    /// A workload outside Google Cloud's IAM that may act as the service account.
    public struct WorkloadIdentity: Sendable, Equatable {
        /// The Kubernetes namespace of the workload's service account.
        public var namespace: String
        /// The Kubernetes service account the workload's pods run as.
        public var serviceAccount: String
        /// The project of the GKE cluster (its workload identity pool is `PROJECT.svc.id.goog`);
        /// the environment's project when nil.
        public var clusterProject: String?
        public var location: SourceLocation

        /// Pods running as Kubernetes service account `serviceAccount` in `namespace` of a GKE
        /// cluster with Workload Identity Federation (in `clusterProject`, or the environment's
        /// project) get `roles/iam.workloadIdentityUser` on this service account.
        public static func kubernetes(
            namespace: String, serviceAccount: String, clusterProject: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> WorkloadIdentity {
            WorkloadIdentity(
                namespace: namespace, serviceAccount: serviceAccount, clusterProject: clusterProject,
                location: SourceLocation(fileID: file, filePath: filePath, line: line))
        }

        /// `serviceAccount:PROJECT.svc.id.goog[NAMESPACE/KSA]`.
        func member(project: String) -> String {
            "serviceAccount:\(clusterProject ?? project).svc.id.goog[\(namespace)/\(serviceAccount)]"
        }

        func validate(account: String) -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "gcp service account '\(account)' workload identity"
            if !KubernetesName.isLabel(namespace) {
                out.append(.error(
                    "\(what) namespace '\(namespace)' is not a Kubernetes namespace name (DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)",
                    at: location))
            }
            if !KubernetesName.isSubdomain(serviceAccount) {
                out.append(.error(
                    "\(what) service account '\(serviceAccount)' is not a Kubernetes service account name (DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit)",
                    at: location))
            }
            if let clusterProject, !Synthesizer.isGCPProjectID(clusterProject) {
                out.append(.error(
                    "\(what) cluster project '\(clusterProject)' is not a Google Cloud project ID (6 to 30 lowercase letters, digits and dashes, starting with a letter)",
                    at: location))
            }
            return out
        }
    }

    public var kind: String { "gcp service account" }
    public var name: String
    public var description: String?
    public var grants: [Allow]
    /// Kubernetes service accounts that may impersonate this one through GKE Workload Identity.
    public var workloadIdentity: [WorkloadIdentity]
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, description: String? = nil, workloadIdentity: [WorkloadIdentity] = [],
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @RoleBuilder _ grants: () -> [Allow] = { [] }
    ) {
        self.name = name
        self.description = description
        self.workloadIdentity = workloadIdentity
        self.grants = grants()
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        out += grants.explicitGrantErrors(
            "Allow(actions:on:) writes IAM statements for AWS: a gcp service account takes Allow(.read, on: \"dataset\") or .write")
        for identity in workloadIdentity { out += identity.validate(account: name) }
        return out
    }

    public func lower(into context: inout SynthesisContext) {
        let gcp = context.gcp(for: self)
        let n = Identifier.sanitize(name)
        let accountID = context.physicalName(name)
        if !(6...30).contains(accountID.count) {
            context.error(
                "service account ID '\(accountID)' is \(accountID.count) characters; Google Cloud allows 6 to 30: shorten the platform or account name",
                at: location)
        }
        let account = context.add(n, GoogleServiceAccount(
            accountID: .init(accountID), description: description.map { TypedValue($0) }, displayName: .init(accountID),
            project: .init(gcp.projectID)
        ), for: self)
        let member: TypedValue<String> = "serviceAccount:\(account.email)"
        addGCPGrants(grants, member: member, project: gcp.projectID, resourceName: n, construct: self, context: &context)

        var names: Set<String> = []
        var members: Set<String> = []
        for identity in workloadIdentity {
            let principal = identity.member(project: gcp.projectID)
            guard members.insert(principal).inserted else { continue }  // the same workload listed twice
            let base = "\(n)_workload_identity_\(Identifier.sanitize(identity.namespace))_\(Identifier.sanitize(identity.serviceAccount))"
            var local = base
            var i = 2
            while !names.insert(local).inserted {
                local = "\(base)_\(i)"
                i += 1
            }
            context.add(local, GoogleServiceAccountIAMMember(
                member: .init(principal), role: "roles/iam.workloadIdentityUser", serviceAccountID: account.name
            ), for: self, at: identity.location, part: "workload-identity")
        }
    }
}

/// A Google group (a team) granted access from intents: the usual way to give people access.
///
/// ```swift
/// GCPGroup("analysts", email: "analysts@acme.io") {
///     Allow(.read, on: "marts")
/// }
/// ```
/// Writes one IAM member binding per intent for `group:EMAIL` on its target (dataset, bucket or
/// secret), and `roles/bigquery.jobUser` on the project when a dataset is granted, so the group's
/// members can run queries.
public struct GCPGroup: Construct {
    public var kind: String { "gcp group" }
    public var name: String
    public var email: String
    public var grants: [Allow]
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, email: String,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @RoleBuilder _ grants: () -> [Allow] = { [] }
    ) {
        self.name = name
        self.email = email
        self.grants = grants()
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(" ") {
            out.append(.error("gcp group '\(name)' email '\(email)' is not a group address (such as analysts@acme.io)", at: location))
        }
        out += grants.explicitGrantErrors(
            "Allow(actions:on:) writes IAM statements for AWS: a gcp group takes Allow(.read, on: \"dataset\") or .write")
        return out
    }

    public func lower(into context: inout SynthesisContext) {
        let gcp = context.gcp(for: self)
        addGCPGrants(
            grants, member: .init("group:\(email)"), project: gcp.projectID, resourceName: Identifier.sanitize(name), construct: self,
            context: &context)
    }
}

/// Grants each intent of `grants` to `member` on its target (each target kind lowers its own
/// intents), then once each the project roles those targets ask for (BigQuery's job user when a
/// dataset was granted; nothing for buckets or secrets).
func addGCPGrants(
    _ grants: [Allow], member: TypedValue<String>, project: String, resourceName n: String, construct: any Construct,
    context: inout SynthesisContext
) {
    var done: Set<String> = []
    var projectRoles: [GCPProjectRole] = []
    for grant in grants {
        guard case .intent(let intent, let targetName) = grant.grant else { continue }
        guard let target = context.construct(named: targetName) else {
            context.error(unknownTarget(targetName, expected: nil, context: context), at: grant.location)
            continue
        }
        guard let gcpTarget = target as? any GCPGrantTarget, gcpTarget.gcpIntents.contains(intent) else {
            let supported = (target as? any GCPGrantTarget)?.gcpIntents.map { ".\($0.rawValue)" } ?? []
            let hint = supported.isEmpty
                ? "a \(construct.kind) can be granted access to bigquery datasets, gcs buckets and gcp secrets only"
                : "use \(supported.joined(separator: " or "))"
            context.error(
                "cannot grant .\(intent.rawValue) on \(target.kind) '\(targetName)' to \(construct.kind) '\(construct.name)': \(hint)",
                at: grant.location)
            continue
        }
        let grantName = "\(n)_\(gcpGrantWord(intent))_\(Identifier.sanitize(targetName))"
        guard done.insert(grantName).inserted else { continue }  // the same grant written twice
        gcpTarget.addGCPGrant(intent, member: member, name: grantName, for: construct, at: grant.location, context: &context)
        for role in gcpTarget.gcpProjectRoles(for: intent) where !projectRoles.contains(role) { projectRoles.append(role) }
    }
    for role in projectRoles {
        context.add("\(n)_\(role.suffix)", GoogleProjectIAMMember(
            member: member, project: .init(project), role: .init(role.role)
        ), for: construct, part: "grants")
    }
}

/// The intent in a grant's local name: `read`, `write`, `read_secret`.
func gcpGrantWord(_ intent: AccessIntent) -> String {
    intent == .readSecret ? "read_secret" : intent.rawValue
}
