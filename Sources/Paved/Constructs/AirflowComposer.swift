/// Google Cloud Composer: the environment, its CMEK key and the grants its service account and
/// Composer's service agents need.
extension Airflow {
    /// The service agents that Cloud Composer's CMEK page says must use the key, by the domain of
    /// their address (`service-PROJECT_NUMBER@DOMAIN.iam.gserviceaccount.com`). Composer 2 runs a GKE
    /// cluster in the project, so GKE, Compute Engine and Pub/Sub encrypt with the key as well;
    /// Composer 3 runs that cluster in Google's tenant project.
    static func composerKeyAgents(major: Int) -> [(local: String, domain: String)] {
        let common = [
            ("artifact_registry", "gcp-sa-artifactregistry"), ("composer", "cloudcomposer-accounts"), ("storage", "gs-project-accounts"),
        ]
        guard major == 2 else { return common }
        return (common + [("compute", "compute-system"), ("gke", "container-engine-robot"), ("pubsub", "gcp-sa-pubsub")])
            .sorted { $0.0 < $1.0 }
    }

    func lowerComposer(serviceAccount: String, network: String?, subnetwork: String?, into context: inout SynthesisContext) {
        let gcp = context.gcp(for: self)
        let n = resourceName
        let local = "composer_\(n)"
        let current = settings(in: context.environment.name)
        let project = TypedValue<String>(gcp.projectID)
        let labels = context.labels(metadata)
        let major = Self.composerMajor(version) ?? 3  // anything else is an error from validate()
        let environmentName = context.physicalName(name)
        if environmentName.count > 64 {
            context.error(
                "Cloud Composer environment name '\(environmentName)' is \(environmentName.count) characters; Composer allows 64: shorten the platform or construct name",
                at: location)
        }

        switch context.construct(named: serviceAccount) {
        case nil:
            context.error(unknownTarget(serviceAccount, expected: "gcp service account", context: context), at: location)
            return
        case is GCPServiceAccount:
            break
        case let other?:
            context.error(
                "\(what) serviceAccount '\(serviceAccount)' is a \(other.kind), not a gcp service account: name a GCPServiceAccount",
                at: location)
            return
        }
        // GCPServiceAccount writes google_service_account.<sanitized name> (BigQuery.swift); the
        // tests fail if that changes (references to an undeclared resource are synthesis errors).
        let account = GoogleServiceAccount.Ref(Identifier.sanitize(serviceAccount))
        let projectData = context.add(local, DataGoogleProject(projectID: project), for: self, part: "service-agents")
        func agent(_ domain: String) -> TypedValue<String> {
            "serviceAccount:service-\(projectData.number)@\(domain).iam.gserviceaccount.com"
        }

        // The environment's service account runs Airflow: Composer's worker role on the project, and
        // Composer's service agent may manage it (set its IAM policy for workload identity).
        let worker = context.add("\(local)_worker", GoogleProjectIAMMember(
            member: "serviceAccount:\(account.email)", project: project, role: "roles/composer.worker"
        ), for: self, part: "service-account")
        let agentExtension = context.add("\(local)_service_agent", GoogleServiceAccountIAMMember(
            member: agent("cloudcomposer-accounts"), role: "roles/composer.ServiceAgentV2Ext", serviceAccountID: account.name
        ), for: self, part: "service-account")

        let ring = context.add(local, GoogleKMSKeyRing(
            location: .init(gcp.region), name: .init(context.physicalName("composer-\(name)")), project: project
        ), for: self, part: "key")
        let key = context.add(local, GoogleKMSCryptoKey(
            keyRing: ring.id, labels: labels, name: "composer", purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s"
        ), for: self, part: "key")
        var dependencies = [worker.terraformAddress, agentExtension.terraformAddress]
        for keyAgent in Self.composerKeyAgents(major: major) {
            let grant = context.add("\(local)_\(keyAgent.local)", GoogleKMSCryptoKeyIAMMember(
                cryptoKeyID: key.id, member: agent(keyAgent.domain), role: "roles/cloudkms.cryptoKeyEncrypterDecrypter"
            ), for: self, part: "key")
            dependencies.append(grant.terraformAddress)
        }

        var ranges: [String] = []
        if case .allowList(let list) = webserver { ranges = Array(Set(list)).sorted() }
        context.add(n, GoogleComposerEnvironment(
            config: .init(
                enablePrivateEnvironment: major == 3 ? true : nil,
                encryptionConfig: .init(kmsKeyName: key.id),
                environmentSize: current.size.composerSize.map { TypedValue($0) },
                nodeConfig: .init(
                    network: network.map { TypedValue($0) }, serviceAccount: account.email,
                    subnetwork: subnetwork.map { TypedValue($0) }),
                privateEnvironmentConfig: major == 2 ? .init(enablePrivateEndpoint: true) : nil,
                softwareConfig: .init(imageVersion: .init(version)),
                webServerNetworkAccessControl: .init(allowedIPRange: ranges.map {
                    .init(description: "Allowed by Paved", value: .init($0))
                }),
                workloadsConfig: .init(
                    scheduler: .init(count: .init(current.schedulers)),
                    worker: .init(maxCount: .init(current.workers.upperBound), minCount: .init(current.workers.lowerBound)))),
            labels: labels, name: .init(environmentName), project: project, region: .init(gcp.region)
        ), for: self, dependsOn: dependencies)
    }
}
