import PavedTerraform

/// One resource or data source as the policy engine sees it, whatever it was read from: a stack
/// synthesized in memory, a `.tf.json` file, or a `terraform show -json` plan.
///
/// Immutable, and a class so that rules pass it around without copying its fields.
public final class PolicyResource: Sendable {
    public enum Mode: String, Sendable, Hashable {
        case managed, data
    }

    /// The full address: `aws_s3_bucket.raw`, `data.aws_iam_policy_document.x`, `module.lake.aws_s3_bucket.raw[0]`.
    public let address: String
    /// The address without instance keys (`module.lake.aws_s3_bucket.raw`): what references name.
    public let configAddress: String
    /// `module.a.module.b` for resources in child modules of a plan; empty for the root module.
    public let modulePath: String
    public let type: String
    public let name: String
    public let mode: Mode
    /// The body: arguments and nested blocks as Terraform JSON writes them (the `//` provenance
    /// comment, when present, stays in it; rules do not look there).
    public let attributes: JSON
    /// The DSL construct path (`acme-data/raw-events`), from the `//` provenance comment.
    public let constructPath: String?
    /// The Swift line of the DSL call that made the resource, from the `//` provenance comment.
    public let swiftSource: SourceLocation?
    /// The environment: given for synthesized stacks, else read from the `environment` tag or label,
    /// else the one environment every tagged resource of its file agrees on.
    public let environment: String?
    /// Owner, tier, classification… from tags, labels, custom tags or the provenance comment.
    public let metadata: ResourceMetadata
    /// Waivers declared beside the resource in the DSL (`//` → `waivers`).
    public let waivers: [Waiver]

    /// For plan input: the `configuration` expressions mirrored onto the attribute structure, with
    /// each expression's references as `${address}` strings. Nil for configuration input, where
    /// references are read from the attribute values themselves.
    let referenceSource: JSON?
    /// Which Terraform root module (stack, directory or plan) the resource belongs to: references
    /// resolve only within one.
    let scope: Int
    /// The document the resource was read from (an index into ``PolicyInput``'s documents).
    let document: Int
    /// The pointer tokens of the resource body in that document.
    let pointer: [String]

    init(
        address: String, configAddress: String, modulePath: String, type: String, name: String, mode: Mode,
        attributes: JSON, constructPath: String?, swiftSource: SourceLocation?, environment: String?,
        metadata: ResourceMetadata, waivers: [Waiver], referenceSource: JSON?, scope: Int, document: Int, pointer: [String]
    ) {
        self.address = address
        self.configAddress = configAddress
        self.modulePath = modulePath
        self.type = type
        self.name = name
        self.mode = mode
        self.attributes = attributes
        self.constructPath = constructPath
        self.swiftSource = swiftSource
        self.environment = environment
        self.metadata = metadata
        self.waivers = waivers
        self.referenceSource = referenceSource
        self.scope = scope
        self.document = document
        self.pointer = pointer
    }

    /// This resource in `environment`, for one read before its file's environment was known.
    func with(environment: String) -> PolicyResource {
        PolicyResource(
            address: address, configAddress: configAddress, modulePath: modulePath, type: type, name: name, mode: mode,
            attributes: attributes, constructPath: constructPath, swiftSource: swiftSource, environment: environment,
            metadata: metadata, waivers: waivers, referenceSource: referenceSource, scope: scope, document: document,
            pointer: pointer)
    }

    /// The value at a dotted attribute path (`versioning_configuration.status`), the first when
    /// the path goes through a list of blocks.
    public func attribute(_ path: String) -> JSON? {
        guard case .success(let parsed) = AttributePath.parse(path) else { return nil }
        var found: JSON?
        parsed.forEachValue(in: attributes) { value in
            found = value
            return true
        }
        return found
    }
}

/// Who owns a resource and how it is governed, normalized from wherever the input says it.
///
/// Read, in this order, from the provenance comment's `metadata` object, `tags` (AWS), `labels`
/// (GCP), `custom_tags` (Databricks clusters), `tags_all` (plans), `tags.custom_tags` (Databricks
/// SQL warehouses) and the AWS provider's `default_tags`.
/// Keys: `owner`, `team`, `tier`, `data_classification` (or `classification`), `cost_center`,
/// `environment`.
public struct ResourceMetadata: Sendable, Equatable {
    public var owner: String?
    public var team: String?
    public var tier: String?
    public var classification: String?
    public var costCenter: String?
    public var environment: String?
    /// True when the resource carries tags or labels (it can hold metadata).
    public var hasTags: Bool
    /// True when the provenance comment declares metadata (for resources that cannot be tagged).
    public var hasExplicitMetadata = false

    public init(
        owner: String? = nil, team: String? = nil, tier: String? = nil, classification: String? = nil,
        costCenter: String? = nil, environment: String? = nil, hasTags: Bool = false
    ) {
        self.owner = owner
        self.team = team
        self.tier = tier
        self.classification = classification
        self.costCenter = costCenter
        self.environment = environment
        self.hasTags = hasTags
    }

    /// Reads metadata from a resource body and its provenance comment.
    static func read(body: [String: JSON], comment: [String: JSON]?, defaultTags: [String: JSON]? = nil) -> ResourceMetadata {
        var out = ResourceMetadata()
        // Sources in order of precedence; at most a handful.
        var sources: [[String: JSON]] = []
        if let explicit = comment?["metadata"]?.objectValue {
            sources.append(explicit)
            out.hasExplicitMetadata = true
        }
        if let map = body["tags"]?.objectValue { sources.append(map); out.hasTags = true }
        if let map = body["labels"]?.objectValue { sources.append(map); out.hasTags = true }
        if let map = body["custom_tags"]?.objectValue { sources.append(map); out.hasTags = true }
        if let map = body["tags_all"]?.objectValue { sources.append(map); out.hasTags = true }
        // Databricks SQL warehouses: tags { custom_tags { key = … value = … } }.
        if let blocks = body["tags"]?.arrayValue {
            var map: [String: JSON] = [:]
            for block in blocks {
                for entry in block["custom_tags"]?.arrayValue ?? [] {
                    if let key = entry["key"]?.stringValue, let value = entry["value"] { map[key] = value }
                }
            }
            sources.append(map)
            out.hasTags = true
        }
        // The AWS provider's default_tags apply to every taggable resource.
        if let defaultTags { sources.append(defaultTags) }
        if sources.isEmpty { return out }
        func first(_ key: String, or other: String? = nil) -> String? {
            for source in sources {
                if let value = source[key], let text = Self.text(value), !text.isEmpty { return text }
                if let other, let value = source[other], let text = Self.text(value), !text.isEmpty { return text }
            }
            return nil
        }
        out.owner = first("owner")
        out.team = first("team")
        out.tier = first("tier")
        out.classification = first("data_classification", or: "classification")
        out.costCenter = first("cost_center")
        out.environment = first("environment")
        return out
    }

    private static func text(_ value: JSON) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): String(b)
        default: nil
        }
    }

    /// The value of a metadata key as the rule language names it, or nil.
    func value(_ key: MetadataKey, of resource: PolicyResource) -> String? {
        switch key {
        case .owner: owner
        case .team: team
        case .tier: tier
        case .classification: classification
        case .costCenter: costCenter
        case .environment: resource.environment ?? environment
        case .construct: resource.constructPath
        case .address: resource.address
        case .type: resource.type
        case .name: resource.name
        case .module: resource.modulePath.isEmpty ? nil : resource.modulePath
        }
    }
}

/// The names the rule language accepts after `metadata:`.
enum MetadataKey: String, Sendable, CaseIterable {
    case owner, team, tier, classification
    case costCenter = "cost_center"
    case environment, construct, address, type, name, module
}
