/// Where a synthesized block came from: the construct path and the user's Swift line, and the
/// policy waivers declared beside it (rendered so reviewers and the policy engine both see them).
public struct Provenance: Sendable, Equatable {
    /// A policy waiver declared in the DSL.
    public struct Waiver: Sendable, Equatable {
        public var rule: String
        public var reason: String
        public var owner: String
        /// `YYYY-MM-DD`; the waiver no longer applies after this day.
        public var expires: String
        public var location: SourceLocation

        public init(rule: String, reason: String, owner: String, expires: String, location: SourceLocation) {
            self.rule = rule
            self.reason = reason
            self.owner = owner
            self.expires = expires
            self.location = location
        }
    }

    /// The fields, in one immutable box: a block carries one reference, copying a block retains
    /// it once, and the blocks of one construct part share it.
    private final class Storage: Sendable {
        let constructPath: String
        let location: SourceLocation
        let waivers: [Waiver]
        let metadata: [String: String]?

        init(_ constructPath: String, _ location: SourceLocation, _ waivers: [Waiver], _ metadata: [String: String]?) {
            self.constructPath = constructPath
            self.location = location
            self.waivers = waivers
            self.metadata = metadata
        }
    }

    private var storage: Storage

    /// The construct path, such as `acme-data/raw-events`.
    public var constructPath: String {
        get { storage.constructPath }
        set { storage = Storage(newValue, location, waivers, metadata) }
    }

    /// The DSL call that made the block.
    public var location: SourceLocation {
        get { storage.location }
        set { storage = Storage(constructPath, newValue, waivers, metadata) }
    }

    public var waivers: [Waiver] {
        get { storage.waivers }
        set { storage = Storage(constructPath, location, newValue, metadata) }
    }

    /// Owner, tier, data classification… for blocks that cannot carry tags or labels (Snowflake
    /// objects): rendered as `"//": {"metadata": {…}}`, where the policy engine reads it. Nil for
    /// taggable resources, whose tags say it.
    public var metadata: [String: String]? {
        get { storage.metadata }
        set { storage = Storage(constructPath, location, waivers, newValue) }
    }

    public init(constructPath: String, location: SourceLocation, waivers: [Waiver] = []) {
        storage = Storage(constructPath, location, waivers, nil)
    }

    public init(constructPath: String, location: SourceLocation, waivers: [Waiver] = [], metadata: [String: String]?) {
        storage = Storage(constructPath, location, waivers, metadata)
    }

    /// True when both are the same box: equal without comparing fields (a cheap test for sharing).
    public func isIdentical(to other: Provenance) -> Bool {
        storage === other.storage
    }

    public static func == (a: Provenance, b: Provenance) -> Bool {
        a.storage === b.storage || (a.constructPath == b.constructPath && a.location == b.location
            && a.waivers == b.waivers && a.metadata == b.metadata)
    }
}

/// The `lifecycle` meta-argument block.
public struct Lifecycle: Sendable, Equatable {
    public enum IgnoreChanges: Sendable, Equatable {
        case attributes([String])
        case all
    }

    public var preventDestroy: Bool?
    public var createBeforeDestroy: Bool?
    public var ignoreChanges: IgnoreChanges?

    public init(preventDestroy: Bool? = nil, createBeforeDestroy: Bool? = nil, ignoreChanges: IgnoreChanges? = nil) {
        self.preventDestroy = preventDestroy
        self.createBeforeDestroy = createBeforeDestroy
        self.ignoreChanges = ignoreChanges
    }
}

/// A resource or data source block, with its arguments and meta-arguments.
///
/// Nested blocks are written in `arguments` as objects (single blocks) or lists of objects, as in
/// Terraform's JSON syntax.
public struct Resource: Sendable, Equatable {
    public var address: ResourceAddress
    public var arguments: Members
    public var provenance: Provenance?
    /// `depends_on`, `count`, `for_each`, `provider` and `lifecycle`, kept out of line: few blocks
    /// have any, and a large platform holds hundreds of thousands of blocks, which are moved when
    /// they are sorted. Nil when the block has none.
    private var meta: ResourceMeta?

    public var dependsOn: [ResourceAddress] {
        get { meta?.fields.dependsOn ?? [] }
        set { setMeta(\.dependsOn, newValue) }
    }

    public var count: Value? {
        get { meta?.fields.count }
        set { setMeta(\.count, newValue) }
    }

    public var forEach: Value? {
        get { meta?.fields.forEach }
        set { setMeta(\.forEach, newValue) }
    }

    public var provider: ProviderReference? {
        get { meta?.fields.provider }
        set { setMeta(\.provider, newValue) }
    }

    public var lifecycle: Lifecycle? {
        get { meta?.fields.lifecycle }
        set { setMeta(\.lifecycle, newValue) }
    }

    public init(
        _ address: ResourceAddress,
        arguments: Members = [:],
        dependsOn: [ResourceAddress] = [],
        count: Value? = nil,
        forEach: Value? = nil,
        provider: ProviderReference? = nil,
        lifecycle: Lifecycle? = nil,
        provenance: Provenance? = nil
    ) {
        self.address = address
        self.arguments = arguments
        self.provenance = provenance
        self.meta = ResourceMeta.box(ResourceMeta.Fields(
            dependsOn: dependsOn, count: count, forEach: forEach, provider: provider, lifecycle: lifecycle))
    }

    /// False when the block has no `depends_on`, `count`, `for_each`, `provider` or `lifecycle`
    /// (almost every block): the renderer then merges only the provenance comment into its arguments.
    var hasMetaArguments: Bool { meta != nil }

    private mutating func setMeta<T>(_ field: WritableKeyPath<ResourceMeta.Fields, T>, _ value: T) {
        var fields = meta?.fields ?? ResourceMeta.Fields()
        fields[keyPath: field] = value
        meta = ResourceMeta.box(fields)
    }

    public static func == (a: Resource, b: Resource) -> Bool {
        a.address == b.address && a.arguments == b.arguments && a.provenance == b.provenance
            && (a.meta === b.meta || a.meta?.fields ?? ResourceMeta.Fields() == b.meta?.fields ?? ResourceMeta.Fields())
    }

    /// A reference to one of this resource's attributes: `bucket.ref("arn")`.
    public func ref(_ attribute: String, _ more: String...) -> Value {
        .expression(.reference(Reference(address, path: [attribute] + more)))
    }

    /// Every resource this block refers to, through its arguments and meta-arguments.
    public var referencedAddresses: [ResourceAddress] {
        var collector = ReferenceCollector()
        for member in arguments { member.value.walkExpressions(&collector) }
        count?.walkExpressions(&collector)
        forEach?.walkExpressions(&collector)
        return collector.references.map(\.address) + dependsOn
    }
}

/// A block's meta-arguments, shared (immutable) between copies of the block.
private final class ResourceMeta: Sendable {
    struct Fields: Sendable, Equatable {
        var dependsOn: [ResourceAddress] = []
        var count: Value?
        var forEach: Value?
        var provider: ProviderReference?
        var lifecycle: Lifecycle?

        var isEmpty: Bool { dependsOn.isEmpty && count == nil && forEach == nil && provider == nil && lifecycle == nil }
    }

    let fields: Fields

    private init(fields: Fields) { self.fields = fields }

    /// The box for `fields`, or nil when there are none.
    static func box(_ fields: Fields) -> ResourceMeta? {
        fields.isEmpty ? nil : ResourceMeta(fields: fields)
    }
}
