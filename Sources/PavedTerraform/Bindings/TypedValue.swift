/// A Terraform ``Value`` whose Terraform type is known to Swift: the type of every argument and
/// attribute reference in generated bindings.
///
/// `Kind` is a phantom type that mirrors the schema's type: `String` for `string`, `Double` for
/// `number`, `Bool` for `bool`, `[K]` for `list(k)`, `Set<K>` for `set(k)` and `[String: K]` for
/// `map(k)`. A value is either a literal or an expression (a reference, a variable, a function
/// call), so the same argument takes both:
///
/// ```swift
/// AWSS3BucketVersioning(bucket: "acme-raw", …)        // a literal
/// AWSS3BucketVersioning(bucket: bucket.id, …)         // a reference: ${aws_s3_bucket.raw.id}
/// AWSS3BucketPolicy(bucket: .init(name), …)           // a literal from a Swift value
/// let objects: TypedValue<String> = "\(bucket.arn)/*" // a template: ${aws_s3_bucket.raw.arn}/*
/// ```
///
/// Passing a reference of the wrong type (`bucket: versioning.versioningConfiguration`) or
/// misspelling an attribute (`bucket.arm`) does not compile. ``init(unchecked:)`` is the escape
/// hatch for values the types cannot express.
///
/// (Inside this type, `Value` can name the `ExpressibleByDictionaryLiteral` element type of map
/// kinds, so the model's value is written `PavedTerraform.Value` here.)
public struct TypedValue<Kind>: Sendable, Equatable {
    /// The untyped value, as written into Terraform JSON.
    public var value: PavedTerraform.Value

    /// Wraps `value` without checking that it has the type `Kind` stands for.
    @inlinable
    public init(unchecked value: PavedTerraform.Value) { self.value = value }

    /// A reference to `attribute` of the resource or data source at `address`.
    @inlinable
    public init(reference address: ResourceAddress, _ attribute: String) {
        self.value = .expression(.reference(Reference(address, attribute: attribute)))
    }

    /// A reference to an attribute path.
    @inlinable
    public init(reference: Reference) {
        self.value = .expression(.reference(reference))
    }

    /// Any expression: a call, a module output, raw HCL.
    @inlinable
    public init(expression: Expression) { self.value = .expression(expression) }

    /// An input variable: `var.NAME`.
    @inlinable
    public static func variable(_ name: String) -> TypedValue { TypedValue(expression: .variable(name)) }

    /// A local value: `local.NAME`.
    @inlinable
    public static func local(_ name: String) -> TypedValue { TypedValue(expression: .local(name)) }

    /// Raw expression text, written as is inside `${…}` (the escape hatch; prefer typed references).
    @inlinable
    public static func raw(_ expression: String) -> TypedValue { TypedValue(expression: .raw(expression)) }

    /// True when the value is an expression or a template rather than a literal.
    public var isExpression: Bool {
        switch value {
        case .expression, .template: return true
        default: return false
        }
    }
}

// MARK: - Literals of each kind

extension TypedValue: ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral,
    ExpressibleByStringLiteral, ExpressibleByStringInterpolation where Kind == String
{
    @inlinable
    public init(stringLiteral value: String) { self.value = .string(value) }
    @inlinable
    public init(unicodeScalarLiteral value: String) { self.value = .string(value) }
    @inlinable
    public init(extendedGraphemeClusterLiteral value: String) { self.value = .string(value) }

    /// `"\(bucket.arn)/*"`: literal text and interpolated values; a literal string when every
    /// interpolated value is a literal, a template otherwise.
    @inlinable
    public init(stringInterpolation: TemplateInterpolation) { self.value = stringInterpolation.value }

    /// A literal string from a Swift value.
    @inlinable
    public init(_ string: String) { self.value = .string(string) }
}

extension TypedValue: ExpressibleByBooleanLiteral where Kind == Bool {
    @inlinable
    public init(booleanLiteral value: Bool) { self.value = .bool(value) }

    /// A literal bool from a Swift value.
    @inlinable
    public init(_ bool: Bool) { self.value = .bool(bool) }
}

/// Terraform's `number`: integer literals stay integers in the JSON (`30`, not `30.0`).
extension TypedValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral where Kind == Double {
    @inlinable
    public init(integerLiteral value: Int) { self.value = .int(value) }
    @inlinable
    public init(floatLiteral value: Double) { self.value = .double(value) }

    /// A literal integer from a Swift value.
    @inlinable
    public init(_ int: Int) { self.value = .int(int) }

    /// A literal number from a Swift value.
    @inlinable
    public init(_ double: Double) { self.value = .double(double) }
}

/// The collection kinds written as JSON arrays: `Array` (`list(…)`) and `Set` (`set(…)`).
///
/// Sets are written in the order given; Terraform does not depend on it.
public protocol TypedListKind {
    associatedtype Element
}

extension Array: TypedListKind {}
extension Set: TypedListKind {}

extension TypedValue: ExpressibleByArrayLiteral where Kind: TypedListKind {
    @inlinable
    public init(arrayLiteral elements: TypedValue<Kind.Element>...) {
        self.value = .list(elements.map { $0.value })
    }

    /// A list of values, each a literal or an expression.
    @inlinable
    public init(_ elements: [TypedValue<Kind.Element>]) {
        self.value = .list(elements.map { $0.value })
    }
}

extension TypedValue where Kind: TypedListKind, Kind.Element == String {
    /// A list of literal strings.
    @inlinable
    public init(_ strings: [String]) { self.value = .list(strings.map(PavedTerraform.Value.string)) }
}

/// The kind of `map(…)`: a dictionary with string keys.
public protocol TypedMapKind {
    associatedtype MapValue
}

extension Dictionary: TypedMapKind where Key == String {
    public typealias MapValue = Value
}

extension TypedValue: ExpressibleByDictionaryLiteral where Kind: TypedMapKind {
    /// Later duplicates of a key win.
    @inlinable
    public init(dictionaryLiteral elements: (String, TypedValue<Kind.MapValue>)...) {
        self.value = .object(Members(elements.lazy.map { ($0.0, $0.1.value) }))
    }

    /// A map of values, each a literal or an expression.
    @inlinable
    public init(_ members: [String: TypedValue<Kind.MapValue>]) {
        self.value = .object(Members(members.lazy.map { ($0.key, $0.value.value) }))
    }
}

extension TypedValue where Kind: TypedMapKind, Kind.MapValue == String {
    /// A map of literal strings.
    @inlinable
    public init(_ strings: [String: String]) {
        self.value = .object(Members(strings.lazy.map { ($0.key, PavedTerraform.Value.string($0.value)) }))
    }
}

// MARK: - String templates

/// Builds a Terraform string template from Swift string interpolation.
///
/// Interpolated ``TypedValue``s of scalar kinds and ``Expression``s become `${…}`; Swift values
/// (`String`, `Int`, …) become literal text, escaped when rendered so Terraform never reads them as
/// code. Adjacent literal text is merged and empty text dropped, so `"\(bucket.arn)/*"` is
/// `.template([.expression(…arn), .literal("/*")])` and `"\(bucket.arn)"` is the reference itself.
public struct TemplateInterpolation: StringInterpolationProtocol, Sendable {
    private var parts: [TemplatePart] = []

    public init(literalCapacity: Int, interpolationCount: Int) {
        parts.reserveCapacity(interpolationCount * 2 + 1)
    }

    public mutating func appendLiteral(_ literal: String) {
        guard !literal.isEmpty else { return }
        if case .literal(let previous)? = parts.last {
            parts[parts.count - 1] = .literal(previous + literal)
        } else {
            parts.append(.literal(literal))
        }
    }

    /// A typed string: its text when literal, `${…}` when an expression.
    public mutating func appendInterpolation(_ value: TypedValue<String>) { append(value.value) }

    /// A typed number.
    public mutating func appendInterpolation(_ value: TypedValue<Double>) { append(value.value) }

    /// A typed bool.
    public mutating func appendInterpolation(_ value: TypedValue<Bool>) { append(value.value) }

    /// An expression: `${…}`.
    public mutating func appendInterpolation(_ expression: Expression) { appendExpression(expression) }

    /// A Swift value, as literal text.
    public mutating func appendInterpolation<T: LosslessStringConvertible>(_ value: T) {
        appendLiteral(value.description)
    }

    private mutating func appendExpression(_ expression: Expression) {
        parts.append(.expression(expression))
    }

    private mutating func append(_ value: Value) {
        switch value {
        case .string(let s): appendLiteral(s)
        case .int(let i): appendLiteral(String(i))
        case .double(let d): appendLiteral(JSONWriter.format(d))
        case .bool(let b): appendLiteral(b ? "true" : "false")
        case .expression(let e): appendExpression(e)
        case .template(let inner):
            for part in inner {
                switch part {
                case .literal(let text): appendLiteral(text)
                case .expression(let e): appendExpression(e)
                }
            }
        case .null, .list, .object:
            // Only reachable through `TypedValue(unchecked:)`: let Terraform report the type error.
            appendExpression(.call("tostring", [value]))
        }
    }

    /// The literal string, the single expression, or the template.
    @usableFromInline
    var value: Value {
        switch parts.count {
        case 0: return .string("")
        case 1:
            switch parts[0] {
            case .literal(let text): return .string(text)
            case .expression(let e): return .expression(e)
            }
        default: return .template(parts)
        }
    }
}
