/// The body of a resource, data source, provider configuration or nested block: its attributes
/// (arguments and computed values) and its nested block types.
///
/// This mirrors the `block` object of `terraform providers schema -json`.
public struct SchemaBlock: Sendable, Equatable {
    /// Attributes by name.
    public var attributes: [String: SchemaAttribute] {
        didSet { index() }
    }
    /// Nested block types by name.
    public var blockTypes: [String: NestedBlock] {
        didSet { index() }
    }

    /// Names of required attributes, sorted (precomputed: the validator asks for every block).
    public private(set) var requiredAttributeNames: [String] = []
    /// Names of block types with `min_items` ≥ 1, sorted.
    public private(set) var requiredBlockNames: [String] = []

    public init(attributes: [String: SchemaAttribute] = [:], blockTypes: [String: NestedBlock] = [:]) {
        self.attributes = attributes
        self.blockTypes = blockTypes
        index()
    }

    private mutating func index() {
        requiredAttributeNames = attributes.filter { $0.value.required }.map(\.key).sorted()
        requiredBlockNames = blockTypes.filter { $0.value.minItems > 0 }.map(\.key).sorted()
    }

    /// Every attribute and block type name, sorted (for suggestions).
    public var memberNames: [String] {
        (Array(attributes.keys) + Array(blockTypes.keys)).sorted()
    }

    /// True when `name` is an attribute or a block type of this block.
    public func hasMember(_ name: String) -> Bool {
        attributes[name] != nil || blockTypes[name] != nil
    }

    public static func == (a: SchemaBlock, b: SchemaBlock) -> Bool {
        a.attributes == b.attributes && a.blockTypes == b.blockTypes
    }
}

/// One attribute of a block.
public struct SchemaAttribute: Sendable, Equatable {
    /// The type constraint; nil when the attribute has a ``nestedType`` instead.
    public var type: TerraformType?
    /// Attributes with nested attributes (protocol 6 providers): their own schema.
    public var nestedType: NestedAttributeType?
    /// The configuration must set it.
    public var required: Bool
    /// The configuration may set it.
    public var optional: Bool
    /// The provider decides its value (when not set, for optional ones).
    public var computed: Bool
    public var sensitive: Bool
    public var deprecated: Bool

    public init(
        type: TerraformType?, nestedType: NestedAttributeType? = nil,
        required: Bool = false, optional: Bool = false, computed: Bool = false,
        sensitive: Bool = false, deprecated: Bool = false
    ) {
        self.type = type
        self.nestedType = nestedType
        self.required = required
        self.optional = optional
        self.computed = computed
        self.sensitive = sensitive
        self.deprecated = deprecated
    }

    /// Computed and neither required nor optional: the configuration cannot set it.
    public var isReadOnly: Bool { computed && !required && !optional }

    /// A short type name for messages.
    public var typeDescription: String {
        if let type { return type.shortDescription }
        if let nestedType {
            switch nestedType.nestingMode {
            case .single, .group: return "object"
            case .list: return "list(object)"
            case .set: return "set(object)"
            case .map: return "map(object)"
            }
        }
        return "any"
    }
}

/// The schema of an attribute with nested attributes (`nested_type`).
public struct NestedAttributeType: Sendable, Equatable {
    public var nestingMode: NestingMode
    /// The nested attributes, as a block with attributes only.
    public var block: SchemaBlock
    public var minItems: Int
    public var maxItems: Int?

    public init(nestingMode: NestingMode, block: SchemaBlock, minItems: Int = 0, maxItems: Int? = nil) {
        self.nestingMode = nestingMode
        self.block = block
        self.minItems = minItems
        self.maxItems = maxItems
    }
}

/// How a nested block type may appear in its parent.
public enum NestingMode: String, Sendable, Equatable, CaseIterable {
    /// At most one block, as an object.
    case single
    /// Like `single`, but the block is always present (its attributes may all be null).
    case group
    /// Zero or more blocks, in order.
    case list
    /// Zero or more blocks, unordered.
    case set
    /// Zero or more blocks, each with a label (a key).
    case map
}

/// A nested block type: its nesting mode, item bounds and schema.
public struct NestedBlock: Sendable, Equatable {
    public var nestingMode: NestingMode
    public var block: SchemaBlock
    /// The fewest blocks the configuration must give (0 when absent from the schema).
    public var minItems: Int
    /// The most blocks allowed, or nil for no limit. `single` and `group` blocks allow one.
    public var maxItems: Int?

    public init(nestingMode: NestingMode, block: SchemaBlock, minItems: Int = 0, maxItems: Int? = nil) {
        self.nestingMode = nestingMode
        self.block = block
        self.minItems = minItems
        self.maxItems = maxItems
    }

    /// The effective maximum: `maxItems`, or 1 for `single` and `group` blocks.
    public var effectiveMaxItems: Int? {
        switch nestingMode {
        case .single, .group: return 1
        default: return maxItems
        }
    }
}
