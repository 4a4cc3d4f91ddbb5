/// A secret in Google Cloud Secret Manager, encrypted with its own Cloud KMS key in every replica
/// location, with rotation *reminders* published to a Pub/Sub topic.
///
/// Paved declares the secret, never its value: add versions out of band. Secret Manager's rotation
/// schedule does not change the secret: it publishes a `SECRET_ROTATE` message to the topic, and
/// whatever subscribes to it rotates the value. The parameter is named for that.
///
/// ```swift
/// GCPSecret("dbt-token", replication: .regions(["europe-west1", "europe-west4"]),
///           rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
/// ```
public struct GCPSecret: Construct {
    /// Where the payload is stored.
    public enum Replication: Sendable, Equatable {
        /// Google chooses the locations; the key is a `global` Cloud KMS key.
        case automatic
        /// Only in these regions, each replica with a key in its own region.
        case regions([String])
    }

    /// Pub/Sub notifications reminding a subscriber to rotate the secret. Secret Manager does not
    /// rotate anything itself.
    public struct RotationNotifications: Sendable, Equatable {
        public var topic: String
        public var every: Interval
        public var startingAt: String

        /// Publishes `SECRET_ROTATE` to `topic` (a topic name in the environment's project, or
        /// `projects/PROJECT/topics/TOPIC`) every `interval`, the first time at `startingAt` (RFC 3339, UTC).
        public static func publish(to topic: String, every interval: Interval, startingAt: String) -> RotationNotifications {
            RotationNotifications(topic: topic, every: interval, startingAt: startingAt)
        }

        func topicID(project: String) -> String {
            topic.hasPrefix("projects/") ? topic : "projects/\(project)/topics/\(topic)"
        }
    }

    public var kind: String { "gcp secret" }
    public var name: String
    public var metadata: Metadata
    public var replication: Replication
    public var rotationNotifications: RotationNotifications
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, replication: Replication = .automatic, rotationNotifications: RotationNotifications,
        owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil, costCenter: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.name = name
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification ?? .restricted, costCenter: costCenter)
        self.replication = replication
        self.rotationNotifications = rotationNotifications
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let what = "gcp secret '\(name)'"
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        if case .regions(let regions) = replication {
            if regions.isEmpty {
                out.append(.error("\(what) replication .regions needs at least one region (or use .automatic)", at: location))
            }
            for region in regions where !Synthesizer.isGCPRegion(region) {
                out.append(.error("\(what) replica location '\(region)' is not a Google Cloud region (such as europe-west1)", at: location))
            }
            if Set(regions).count != regions.count {
                out.append(.error("\(what) lists a replica region twice", at: location))
            }
        }
        let r = rotationNotifications
        if r.every.seconds < 3600 {
            out.append(.error("\(what) rotation notifications must be at least 1 hour apart (got \(r.every))", at: location))
        }
        if !Self.isTimestamp(r.startingAt) {
            out.append(.error(
                "\(what) rotation notifications startingAt '\(r.startingAt)' is not an RFC 3339 UTC time (such as 2027-01-01T00:00:00Z)",
                at: location))
        }
        if !Self.isTopic(r.topic) {
            out.append(.error(
                "\(what) rotation notifications topic '\(r.topic)' is not a Pub/Sub topic name or projects/PROJECT/topics/TOPIC",
                at: location))
        }
        return out
    }

    /// `2027-01-01T00:00:00Z`.
    static func isTimestamp(_ s: String) -> Bool {
        let chars = Array(s)
        guard chars.count == 20 else { return false }
        for (i, c) in chars.enumerated() {
            switch i {
            case 4, 7: if c != "-" { return false }
            case 10: if c != "T" { return false }
            case 13, 16: if c != ":" { return false }
            case 19: if c != "Z" { return false }
            default: if !(c.isASCII && c.isNumber) { return false }
            }
        }
        return true
    }

    /// A topic name (3 to 255 characters, starting with a letter, `[A-Za-z0-9-_.~+%]`) or its full ID.
    static func isTopic(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        if parts.count == 4 && parts[0] == "projects" && parts[2] == "topics" && !parts[1].isEmpty {
            name = parts[3]
        } else if parts.count == 1 {
            name = parts[0]
        } else {
            return false
        }
        guard let first = name.first, first.isASCII, first.isLetter, (3...255).contains(name.count) else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~+%".contains($0)) } && !name.hasPrefix("goog")
    }

    var resourceName: String { Identifier.sanitize(name) }

    public func lower(into context: inout SynthesisContext) {
        let gcp = context.gcp(for: self)
        let n = resourceName
        let project = TypedValue<String>(gcp.projectID)
        let labels = context.labels(metadata)
        let projectData = context.add("secret_\(n)", DataGoogleProject(projectID: project), for: self, part: "key")
        let agent: TypedValue<String> = "serviceAccount:service-\(projectData.number)@gcp-sa-secretmanager.iam.gserviceaccount.com"

        var dependencies: [ResourceAddress] = []
        var keys: [String: GoogleKMSCryptoKey.Ref] = [:]
        let locations: [String]
        switch replication {
        case .automatic: locations = ["global"]
        case .regions(let regions): locations = Array(Set(regions)).sorted()
        }
        for keyLocation in locations {
            let local = "secret_\(n)_\(Identifier.sanitize(keyLocation))"
            let ring = context.add(local, GoogleKMSKeyRing(
                location: .init(keyLocation), name: .init(context.physicalName("secret-\(name)")), project: project
            ), for: self, part: "key")
            let key = context.add(local, GoogleKMSCryptoKey(
                keyRing: ring.id, labels: labels, name: "secretmanager", purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s"
            ), for: self, part: "key")
            let access = context.add(local, GoogleKMSCryptoKeyIAMMember(
                cryptoKeyID: key.id, member: agent, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter"
            ), for: self, part: "key")
            keys[keyLocation] = key
            dependencies.append(access.terraformAddress)
        }

        let topic = rotationNotifications.topicID(project: gcp.projectID)
        let publisher = context.add("secret_\(n)", GooglePubsubTopicIAMMember(
            member: agent, role: "roles/pubsub.publisher", topic: .init(topic)
        ), for: self, part: "rotation-notifications")
        dependencies.append(publisher.terraformAddress)

        let replicationBlock: GoogleSecretManagerSecret.Replication
        switch replication {
        case .automatic:
            replicationBlock = .init(auto: .init(customerManagedEncryption: keys["global"].map { .init(kmsKeyName: $0.id) }))
        case .regions:
            replicationBlock = .init(userManaged: .init(replicas: locations.map { region in
                .init(customerManagedEncryption: keys[region].map { .init(kmsKeyName: $0.id) }, location: .init(region))
            }))
        }
        context.add(n, GoogleSecretManagerSecret(
            deletionProtection: true, labels: labels, project: project, replication: replicationBlock,
            rotation: .init(
                nextRotationTime: .init(rotationNotifications.startingAt),
                rotationPeriod: .init("\(rotationNotifications.every.seconds)s")),
            secretID: .init(context.physicalName(name)), topics: [.init(name: .init(topic))]
        ), for: self, dependsOn: dependencies)
    }
}

extension GCPSecret: GCPGrantTarget {
    public var gcpIntents: [AccessIntent] { [.readSecret] }

    /// `.readSecret` → `roles/secretmanager.secretAccessor` on this secret only (read the payload of
    /// its versions; no listing, no metadata changes, nothing on the project).
    public func addGCPGrant(
        _ intent: AccessIntent, member: TypedValue<String>, name: String, for grantee: any Construct,
        at location: SourceLocation, context: inout SynthesisContext
    ) {
        guard intent == .readSecret else { return }
        let secret = GoogleSecretManagerSecret.Ref(resourceName)
        context.add(name, GoogleSecretManagerSecretIAMMember(
            member: member, project: secret.project, role: "roles/secretmanager.secretAccessor", secretID: secret.secretID
        ), for: grantee, at: location, part: "grants")
    }
}
