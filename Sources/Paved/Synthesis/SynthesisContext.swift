/// What a construct sees while it lowers into one environment's stack, and where it adds resources.
public struct SynthesisContext: Sendable {
    public let platformName: String
    public let platformMetadata: Metadata
    public let environment: Environment
    public private(set) var resources: [Resource] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// What each of `resources` refers to, recorded as it is added (for the checker).
    private(set) var references = BlockReferences()
    /// Provider local names the stack needs (`aws`).
    public private(set) var providersUsed: Set<String> = []
    /// Input variables the stack declares (`var.NAME`), by name: values supplied at plan time
    /// (public keys, account names), never written by Paved.
    public private(set) var variables: [String: Variable] = [:]
    let constructs: [String: any Construct]
    let ordered: [any Construct]
    /// The platform's log bucket, looked up once: every bucket asks for it.
    let logBucket: LogBucket?
    /// The platform's retention defaults by classification (the first of each; a repeat is an error).
    let retentionDefaults: [Classification: Retention]
    /// ``PublicAccess`` constructs by target name, looked up once: targets ask whether they are public.
    let publicAccess: [String: PublicAccess]
    private var lastType = ""
    private var lastProvider = ""
    /// Tags built lately, by the metadata they were built for (see ``tags(_:)``).
    private var recentTags: [(metadata: Metadata, tags: Value)] = []
    private var nextTagSlot = 0
    private var lastConstructName = ""
    private var lastConstructPath = ""
    private var lastPart: String?
    private var lastProvenance: Provenance?
    /// Set while a construct is lowered as a reusable Terraform module (`paved modules export`): its
    /// physical names, tags and labels then come from the module's input variables. Nil otherwise.
    public internal(set) var module: ModuleLowering?

    init(platform: Platform, environment: Environment, constructs: [String: any Construct]) {
        self.platformName = platform.name
        self.platformMetadata = platform.metadata
        self.environment = environment
        self.constructs = constructs
        self.ordered = platform.constructs
        self.logBucket = platform.constructs.only(LogBucket.self).first
        var defaults: [Classification: Retention] = [:]
        for d in platform.retentionDefaults where defaults[d.classification] == nil { defaults[d.classification] = d.retention }
        self.retentionDefaults = defaults
        var publicAccess: [String: PublicAccess] = [:]
        for p in platform.constructs.only(PublicAccess.self) where publicAccess[p.target] == nil { publicAccess[p.target] = p }
        self.publicAccess = publicAccess
    }

    /// The platform's ``DefaultRetention`` for data with `metadata`'s classification (inheriting the
    /// platform's), or nil when the platform declares none for it.
    public func defaultRetention(for metadata: Metadata) -> Retention? {
        guard let classification = metadata.inheriting(from: platformMetadata).classification else { return nil }
        return retentionDefaults[classification]
    }

    /// The construct named `name`, if the platform declares one.
    public func construct(named name: String) -> (any Construct)? { constructs[name] }

    /// Every construct of type `T`, in declaration order. Linear in the platform's size: call it once
    /// per construct at most.
    public func constructs<T: Construct>(of type: T.Type) -> [T] {
        ordered.only(T.self)
    }

    /// Names close to `name`, for "did you mean" hints.
    public func suggestions(for name: String) -> [String] {
        constructs.keys.filter { EditDistance.distance($0, name, limit: max(2, name.count / 3)) != nil }.sorted()
    }

    /// `acme-data-dev-raw-events`: a physical name unique per platform and environment.
    public func physicalName(_ name: String, separator: String = "-") -> String {
        if let module { return module.physicalName(name) }
        return [platformName, environment.name.rawValue, name].joined(separator: separator)
    }

    /// The tags for a construct with `metadata`, inheriting the platform's.
    ///
    /// A platform's constructs share a few metadata values, and every taggable block asks for its
    /// tags: the last few built are kept and handed out again (one shared value, not a new map per
    /// block).
    public mutating func tags(_ metadata: Metadata) -> Value {
        if module != nil { return .variable(ModuleLowering.tagsVariable) }
        for entry in recentTags where entry.metadata == metadata { return entry.tags }
        let tags = Value.object(metadata.inheriting(from: platformMetadata).tags(platform: platformName, environment: environment.name.rawValue))
        if recentTags.count < 8 {
            recentTags.append((metadata, tags))
        } else {
            recentTags[nextTagSlot] = (metadata, tags)
            nextTagSlot = (nextTagSlot + 1) % recentTags.count
        }
        return tags
    }

    /// The AWS account and region, or an error at `construct` when the environment has none.
    public mutating func aws(for construct: any Construct) -> AWSTarget {
        providersUsed.insert("aws")
        if let aws = environment.aws { return aws }
        error(
            "\(construct.kind) '\(construct.name)' needs an AWS account, but environment '\(environment.name)' (\(environment.location)) has none: add aws: .account(\"123456789012\", region: \"eu-west-1\")",
            at: construct.location)
        return AWSTarget(accountID: "000000000000", region: "us-east-1")
    }

    /// The Google Cloud project and region, or an error at `construct` when the environment has none.
    public mutating func gcp(for construct: any Construct) -> GCPTarget {
        providersUsed.insert("google")
        if let gcp = environment.gcp { return gcp }
        error(
            "\(construct.kind) '\(construct.name)' needs a Google Cloud project, but environment '\(environment.name)' (\(environment.location)) has none: add gcp: .project(\"my-project\", region: \"europe-west1\")",
            at: construct.location)
        return GCPTarget(projectID: "unset-project", region: "us-central1")
    }

    /// The metadata of a construct as Google Cloud labels: lowercase keys and values of letters,
    /// digits, `_` and `-`, at most 63 characters (`data-platform@acme.io` → `data-platform_acme_io`).
    public func labels(_ metadata: Metadata) -> TypedValue<[String: String]> {
        if module != nil { return .variable(ModuleLowering.labelsVariable) }
        var out: Members = [:]
        for (key, value) in metadataStrings(metadata) { out[Self.labelValue(key)] = .string(Self.labelValue(value)) }
        return TypedValue(unchecked: .object(out))
    }

    /// A Google Cloud label value: lowercase, `[a-z0-9_-]`, at most 63 characters.
    public static func labelValue(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "_" || ch == "-") { out.append(ch) } else { out.append("_") }
        }
        return String(out.prefix(63))
    }

    /// The tags for a construct with `metadata`, typed for the `tags` argument of generated bindings.
    public mutating func typedTags(_ metadata: Metadata) -> TypedValue<[String: String]> {
        // Every tag value is a literal string (Metadata.tags), so the map is a map(string).
        TypedValue(unchecked: tags(metadata))
    }

    /// Adds a resource or data source through its generated binding and returns typed references to
    /// its attributes.
    ///
    /// This is how constructs emit Terraform: arguments are checked by the compiler against the
    /// provider schema, so a misspelled attribute or a reference of the wrong type does not build.
    ///
    /// ```swift
    /// let bucket = context.add("raw_events", AWSS3Bucket(bucket: .init(name), tags: context.typedTags(metadata)), for: self)
    /// context.add("raw_events", AWSS3BucketVersioning(bucket: bucket.id, versioningConfiguration: .init(status: "Enabled")), for: self)
    /// ```
    ///
    /// - Parameters:
    ///   - name: the Terraform local name (`aws_s3_bucket.NAME`).
    ///   - binding: the resource's or data source's arguments.
    ///   - construct: the construct the block belongs to (its path and waivers go into provenance).
    ///   - location: the DSL line to report; the construct's by default.
    ///   - part: a suffix of the construct path for blocks that make up one part (`policy`, `retention`).
    ///   - dependsOn: explicit dependencies (`depends_on`), for ordering Terraform cannot infer.
    ///   - lifecycle: the `lifecycle` meta-argument.
    /// - Returns: typed references: `bucket.arn` is `${aws_s3_bucket.raw_events.arn}`.
    @discardableResult
    public mutating func add<Binding: TerraformResourceBinding>(
        _ name: String, _ binding: Binding, for construct: any Construct, at location: SourceLocation? = nil,
        part: String? = nil, dependsOn: [ResourceAddress] = [], lifecycle: Lifecycle? = nil
    ) -> Binding.Ref {
        let address = append(
            Binding.terraformAddress(named: name), binding.terraformArguments, construct: construct, at: location, part: part,
            dependsOn: dependsOn, lifecycle: lifecycle)
        return Binding.Ref(address.name)
    }

    /// Adds a block of a type that cannot carry tags or labels (Snowflake objects), with `metadata`
    /// (inheriting the platform's) written into its provenance comment as `"//": {"metadata": {…}}`,
    /// where `paved check` reads owner, tier and classification.
    @discardableResult
    public mutating func add<Binding: TerraformResourceBinding>(
        _ name: String, _ binding: Binding, for construct: any Construct, untaggedWith metadata: Metadata,
        at location: SourceLocation? = nil, part: String? = nil, dependsOn: [ResourceAddress] = []
    ) -> Binding.Ref {
        let address = append(
            Binding.terraformAddress(named: name), binding.terraformArguments, construct: construct, at: location, part: part,
            dependsOn: dependsOn, lifecycle: nil)
        let strings = metadataStrings(metadata)
        if let last = resources.indices.last {
            resources[last].provenance?.metadata = strings
        }
        return Binding.Ref(address.name)
    }

    /// The metadata of a construct, inheriting the platform's, as the string map tags and the
    /// `"//".metadata` comment use (`owner`, `tier`, `data_classification`, …).
    public func metadataStrings(_ metadata: Metadata) -> [String: String] {
        var out: [String: String] = [:]
        let tags = metadata.inheriting(from: platformMetadata).tags(platform: platformName, environment: environment.name.rawValue)
        for (key, value) in tags { if case .string(let s) = value { out[key] = s } }
        return out
    }

    /// Declares an input variable of the stack (once per name) and returns a reference to it.
    @discardableResult
    public mutating func declareVariable(_ variable: Variable) -> TypedValue<String> {
        if variables[variable.name] == nil { variables[variable.name] = variable }
        return .variable(variable.name)
    }

    /// Marks a provider as used by the stack, for constructs that need its configuration block.
    public mutating func useProvider(_ name: String) {
        providersUsed.insert(name)
    }

    /// Adds a managed resource of any type, without a generated binding, and returns its address.
    ///
    /// The path for resource types Paved has no bindings for: nothing checks `arguments` while
    /// compiling, but `synth` validates its output against the provider schemas and `paved validate`
    /// reports unknown attributes, missing required ones and wrong types. Prefer
    /// ``add(_:_:for:at:part:dependsOn:lifecycle:)`` with a binding (generate one with
    /// `paved bindings generate`).
    @discardableResult
    public mutating func add(
        _ type: String, _ name: String, _ arguments: Members, for construct: any Construct,
        at location: SourceLocation? = nil, part: String? = nil, dependsOn: [ResourceAddress] = [],
        lifecycle: Lifecycle? = nil
    ) -> ResourceAddress {
        append(.resource(type, name), arguments, construct: construct, at: location, part: part, dependsOn: dependsOn, lifecycle: lifecycle)
    }

    /// Adds a data source of any type, without a generated binding, and returns its address (see
    /// ``add(_:_:_:for:at:part:dependsOn:lifecycle:)`` for what is and is not checked).
    @discardableResult
    public mutating func addData(
        _ type: String, _ name: String, _ arguments: Members, for construct: any Construct,
        at location: SourceLocation? = nil, part: String? = nil
    ) -> ResourceAddress {
        append(.data(type, name), arguments, construct: construct, at: location, part: part, dependsOn: [], lifecycle: nil)
    }

    /// Adds a resource of a provider Paved bundles no schema for (Prefect, Dagster+): the unchecked
    /// path, kept apart from the typed one and internal to Paved's own constructs.
    ///
    /// Nothing checks these blocks against a provider schema (`paved validate` notes "no schema
    /// loaded for provider …"), so the arguments are checked here against the attribute set pinned
    /// from the provider's source (``UncheckedSchemas``); a mismatch is a Paved bug, reported as an
    /// error. `metadata` (inheriting the platform's) always goes into the provenance comment, since
    /// these resources have no tag map that `paved check` can read.
    @discardableResult
    mutating func addUnchecked(
        _ type: String, _ name: String, _ arguments: Members, for construct: any Construct, metadata: Metadata,
        at location: SourceLocation? = nil, part: String? = nil
    ) -> ResourceAddress {
        for problem in UncheckedSchemas.problems(type: type, arguments: arguments) {
            error("internal error: \(problem); please report this Paved bug", at: location ?? construct.location)
        }
        let address = append(.resource(type, name), arguments, construct: construct, at: location, part: part, dependsOn: [], lifecycle: nil)
        let strings = metadataStrings(metadata)
        if let last = resources.indices.last { resources[last].provenance?.metadata = strings }
        return address
    }

    private mutating func append(
        _ address: ResourceAddress, _ arguments: Members, construct: any Construct, at location: SourceLocation?,
        part: String?, dependsOn: [ResourceAddress], lifecycle: Lifecycle?
    ) -> ResourceAddress {
        // A construct adds its blocks one after another: remember the last provider and path
        // rather than hash and format them again for each block.
        if address.type != lastType {
            lastType = address.type
            if !Self.type(address.type, isOf: lastProvider) {
                lastProvider = address.providerName
                providersUsed.insert(lastProvider)
            }
        }
        // Blocks of one construct part from one line share their provenance.
        let source = location ?? construct.location
        let waivers = construct.waivers
        let sameConstruct = construct.name == lastConstructName
        if !sameConstruct {
            lastConstructName = construct.name
            lastConstructPath = "\(platformName)/\(construct.name)"
        }
        if !sameConstruct || part != lastPart || lastProvenance?.location != source || lastProvenance?.waivers != waivers {
            var path = lastConstructPath
            if let part { path += "/\(part)" }
            lastProvenance = Provenance(constructPath: path, location: source, waivers: waivers)
            lastPart = part
        }
        references.record(arguments: arguments, dependsOn: dependsOn)
        resources.append(Resource(address, arguments: arguments, dependsOn: dependsOn, lifecycle: lifecycle, provenance: lastProvenance))
        return address
    }

    /// True when `type` belongs to `provider`: it starts with `provider` and an underscore (the
    /// provider of `aws_kms_key` is `aws`), checked without building the provider name.
    static func type(_ type: String, isOf provider: String) -> Bool {
        var type = type, provider = provider  // small strings' bytes are then read in place
        return type.withUTF8 { t in
            provider.withUTF8 { p in
                !p.isEmpty && t.count > p.count && t[p.count] == UInt8(ascii: "_") && t.prefix(p.count).elementsEqual(p)
            }
        }
    }

    /// Makes room for about `blocks` more blocks (a guess: growing the lists copies them).
    mutating func reserveCapacity(blocks: Int) {
        resources.reserveCapacity(resources.count + blocks)
        references.reserveCapacity(blocks: blocks, addresses: 2 * blocks)
    }

    /// Moves the resources and their references out of the context (assembling the stack then
    /// owns the only copy).
    mutating func takeResources() -> (resources: [Resource], references: BlockReferences) {
        var taken: [Resource] = []
        swap(&taken, &resources)
        var references = BlockReferences()
        swap(&references, &self.references)
        return (taken, references)
    }

    mutating func replaceResources(with new: consuming [Resource], references: BlockReferences) {
        resources = new
        self.references = references
    }

    /// Takes the resources, their references, diagnostics and providers another context
    /// collected, after this one's.
    mutating func absorb(_ other: SynthesisContext) {
        resources += other.resources
        references.append(other.references)
        diagnostics += other.diagnostics
        providersUsed.formUnion(other.providersUsed)
        for (name, variable) in other.variables where variables[name] == nil { variables[name] = variable }
    }

    /// Reports an error at a DSL location.
    public mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    /// Reports a warning at a DSL location.
    public mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(message, at: location))
    }
}
