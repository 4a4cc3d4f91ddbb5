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
        var collector = ReferenceCollector()
        walkExpressions(&collector)
        return collector.references
    }

    /// Shows `visitor` every expression in this value that is not a function call, in order: list
    /// items in turn, object members in key order, the expressions of a template, the arguments of a
    /// call. The one walk the model's readers share.
    func walkExpressions<Visitor: ExpressionVisitor>(_ visitor: inout Visitor) {
        switch self {
        case .string, .int, .double, .bool, .null: return
        case .list(let items):
            for i in items.indices where !items[i].isScalar { items[i].walkExpressions(&visitor) }
        case .object(let members):
            for i in members.storage.indices where !members.storage[i].value.isScalar {
                members.storage[i].value.walkExpressions(&visitor)
            }
        case .expression(let e): e.walkExpressions(&visitor)
        case .template(let parts): for case .expression(let e) in parts { e.walkExpressions(&visitor) }
        }
    }

    /// A string, number, bool or null. Testing this before passing an element of a list or
    /// object on reads only the case: passing the element copies it (a retain and a release),
    /// which is most of the cost of a walk whose leaves are mostly literals.
    @inline(__always)
    var isScalar: Bool {
        switch self {
        case .string, .int, .double, .bool, .null: true
        case .list, .object, .expression, .template: false
        }
    }
}

/// What ``Value/walkExpressions(_:)`` shows each expression to.
protocol ExpressionVisitor {
    /// An expression other than a function call (whose arguments are walked instead).
    mutating func visit(_ expression: Expression)
}

extension Expression {
    func walkExpressions<Visitor: ExpressionVisitor>(_ visitor: inout Visitor) {
        if case .call(_, let args) = self {
            for a in args { a.walkExpressions(&visitor) }
        } else {
            visitor.visit(self)
        }
    }
}

/// The references a value holds, in order.
struct ReferenceCollector: ExpressionVisitor {
    var references: [Reference] = []

    mutating func visit(_ expression: Expression) {
        if case .reference(let r) = expression { references.append(r) }
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
