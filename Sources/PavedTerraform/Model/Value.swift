/// A value in Terraform configuration: a literal, a collection, or an expression.
///
/// Literal strings are data: a string that contains `${` or `%{` is escaped when rendered
/// (`$${`, `%%{`) so Terraform never interprets it. Use `.expression` or `.template` to mean code.
public enum Value: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case list([Value])
    /// An object, its members sorted by key.
    case object(Members)
    case expression(Expression)
    /// A string that mixes literal text and expressions: `"${aws_s3_bucket.raw.arn}/*"`.
    case template([TemplatePart])

    /// A reference to a resource attribute.
    public static func ref(_ address: ResourceAddress, _ attribute: String, _ more: String...) -> Value {
        .expression(.reference(Reference(address, path: [attribute] + more)))
    }

    /// An input variable.
    public static func variable(_ name: String) -> Value { .expression(.variable(name)) }

    /// A local value.
    public static func local(_ name: String) -> Value { .expression(.local(name)) }

    /// Raw expression text (the escape hatch).
    public static func raw(_ expression: String) -> Value { .expression(.raw(expression)) }

    /// `jsonencode(value)`.
    public static func jsonencode(_ value: Value) -> Value { .expression(.jsonencode(value)) }

    /// A list of strings.
    public static func strings(_ items: [String]) -> Value { .list(items.map(Value.string)) }

    /// Every reference this value contains, in order.
    public var references: [Reference] {
        var out: [Reference] = []
        collectReferences(into: &out)
        return out
    }

    func collectReferences(into out: inout [Reference]) {
        switch self {
        case .string, .int, .double, .bool, .null: return
        case .list(let items): for item in items { item.collectReferences(into: &out) }
        case .object(let members):
            for member in members { member.value.collectReferences(into: &out) }
        case .expression(let e): e.collectReferences(into: &out)
        case .template(let parts):
            for case .expression(let e) in parts { e.collectReferences(into: &out) }
        }
    }
}

extension Expression {
    func collectReferences(into out: inout [Reference]) {
        switch self {
        case .reference(let r): out.append(r)
        case .call(_, let args): for a in args { a.collectReferences(into: &out) }
        case .variable, .local, .moduleOutput, .raw: return
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .object(Members(elements))
    }
}
