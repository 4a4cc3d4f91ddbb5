/// A nested block (or the body of a resource) generated from a provider schema.
///
/// Generated types implement ``terraformArguments``; members Paved adds to bindings all start with
/// `terraform`, so they never hide a schema attribute.
///
/// Bindings are not `Equatable`: synthesized `==` for thousands of generated structs made a whole
/// provider's bindings a third slower to compile. Compare ``terraformArguments`` instead.
public protocol TerraformBlockBinding: Sendable {
    /// The block's arguments as Terraform JSON expects them: unset optional arguments and empty
    /// optional blocks are left out; list and set blocks are arrays of objects; `single` blocks
    /// are objects.
    var terraformArguments: Members { get }
}

extension TerraformBlockBinding {
    /// The block as one object.
    @inlinable
    public var terraformObject: Value { .object(terraformArguments) }
}

/// A resource or data source type generated from a provider schema, such as `AWSS3Bucket`
/// (`aws_s3_bucket`) or `DataAWSIAMPolicyDocument` (`data.aws_iam_policy_document`).
///
/// A value holds the arguments; the local name is given when it is added to a configuration, and
/// ``Ref`` gives typed references to its attributes:
///
/// ```swift
/// let bucket = AWSS3Bucket(bucket: "acme-raw", forceDestroy: false)
/// let resource = bucket.terraformResource(named: "raw")   // aws_s3_bucket.raw, as a model Resource
/// let arn = AWSS3Bucket.Ref("raw").arn                     // ${aws_s3_bucket.raw.arn}
/// ```
public protocol TerraformResourceBinding: TerraformBlockBinding {
    /// Typed references to the attributes of one instance.
    associatedtype Ref: TerraformResourceReference
    /// The Terraform type name: `aws_s3_bucket`.
    static var terraformType: String { get }
    /// `.managed` for a resource, `.data` for a data source.
    static var terraformMode: ResourceAddress.Mode { get }
}

extension TerraformResourceBinding {
    /// The address of the instance named `name`: `aws_s3_bucket.NAME` or `data.aws_….NAME`.
    @inlinable
    public static func terraformAddress(named name: String) -> ResourceAddress {
        ResourceAddress(terraformMode, type: terraformType, name: name)
    }

    /// The model ``Resource`` for the instance named `name`, with its arguments and meta-arguments.
    @inlinable
    public func terraformResource(
        named name: String, dependsOn: [ResourceAddress] = [], count: Value? = nil, forEach: Value? = nil,
        provider: ProviderReference? = nil, lifecycle: Lifecycle? = nil, provenance: Provenance? = nil
    ) -> Resource {
        Resource(
            Self.terraformAddress(named: name), arguments: terraformArguments, dependsOn: dependsOn, count: count,
            forEach: forEach, provider: provider, lifecycle: lifecycle, provenance: provenance)
    }
}

/// Typed references to the attributes of one resource or data source instance: each property is a
/// reference such as `${aws_s3_bucket.raw.arn}`, typed from the schema.
public protocol TerraformResourceReference: Sendable, Hashable {
    /// The instance's address.
    var terraformAddress: ResourceAddress { get }
    /// References to the instance with local name `name`.
    init(_ name: String)
}

extension TerraformResourceReference {
    /// A reference to any attribute path, for what the typed properties do not reach (elements of
    /// nested blocks): `bucket.terraformReference(.attribute("versioning"), .index(0), .attribute("enabled"))`.
    public func terraformReference(_ steps: Reference.Step...) -> Value {
        .expression(.reference(Reference(terraformAddress, steps: steps)))
    }
}

/// Collects the arguments of a generated block: what generated `terraformArguments` bodies call.
///
/// One method per shape, so generated code needs no overload resolution; all inlinable, so the
/// generic methods are specialized in the module that holds the bindings (synthesis calls them
/// for every block it writes).
public struct TerraformArgumentsBuilder: Sendable {
    /// The arguments in the order they were added: generated bindings add them sorted by name, so
    /// ``build()`` takes the list as it is (no copy of each member).
    @usableFromInline
    var members: [Members.Element] = []

    /// The arguments so far (a later duplicate of a name wins).
    public var arguments: Members {
        get { Members(members.lazy.map { ($0.key, $0.value) }) }
        set { members = newValue.storage }
    }

    @inlinable
    public init() {
        members.reserveCapacity(16)
    }

    /// A builder for a block with at most `capacity` arguments: generated bindings pass their field
    /// count, so the list is allocated once, at its final size or near it.
    @inlinable
    public init(capacity: Int) {
        members.reserveCapacity(capacity)
    }

    /// The arguments, taken out of the builder (what generated bindings return): the list becomes
    /// the members' storage, or, when it is mostly unused capacity, its members are moved into
    /// one of their exact size, with no copy of each.
    @inlinable
    public mutating func build() -> Members {
        var list: [Members.Element] = []
        swap(&list, &members)
        return Members(moving: &list)
    }

    /// A typed attribute; nil is left out.
    @inlinable
    public mutating func typed<Kind>(_ name: String, _ value: TypedValue<Kind>?) {
        if let value { members.append((key: name, value: value.value)) }
    }

    /// An attribute without a Swift type (objects, tuples, `dynamic`); nil is left out.
    @inlinable
    public mutating func untyped(_ name: String, _ value: Value?) {
        if let value { members.append((key: name, value: value)) }
    }

    /// A list or set block with at most one item, written as a one-element array; nil is left out.
    @inlinable
    public mutating func listBlock<Block: TerraformBlockBinding>(_ name: String, _ block: Block?) {
        if let block { members.append((key: name, value: .list([block.terraformObject]))) }
    }

    /// A `single` or `group` block (or nested attribute), written as an object; nil is left out.
    @inlinable
    public mutating func objectBlock<Block: TerraformBlockBinding>(_ name: String, _ block: Block?) {
        if let block { members.append((key: name, value: block.terraformObject)) }
    }

    /// List or set blocks, written as an array of objects; none is left out.
    @inlinable
    public mutating func blocks<Block: TerraformBlockBinding>(_ name: String, _ blocks: [Block]) {
        if !blocks.isEmpty { members.append((key: name, value: .list(blocks.map { $0.terraformObject }))) }
    }

    /// `map` blocks, written as an object of objects by label; none is left out.
    @inlinable
    public mutating func mapBlocks<Block: TerraformBlockBinding>(_ name: String, _ blocks: [String: Block]) {
        if !blocks.isEmpty { members.append((key: name, value: .object(Members(blocks.lazy.map { ($0.key, $0.value.terraformObject) })))) }
    }
}
