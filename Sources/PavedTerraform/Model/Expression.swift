/// A Terraform expression, rendered inside `${ … }`.
///
/// References are built from typed addresses, never typed by hand; `.raw` is the escape hatch for
/// what the typed cases cannot say.
public indirect enum Expression: Sendable, Equatable {
    /// An attribute of a resource or data source: `aws_iam_role.etl.arn`.
    case reference(Reference)
    /// An input variable: `var.region`.
    case variable(String)
    /// A local value: `local.tags`.
    case local(String)
    /// An output of a module call: `module.network.vpc_id`.
    case moduleOutput(module: String, output: String)
    /// A function call: `jsonencode({…})`.
    case call(String, [Value])
    /// Raw expression text, written as is.
    case raw(String)

    /// `jsonencode(value)`.
    public static func jsonencode(_ value: Value) -> Expression { .call("jsonencode", [value]) }
}

/// A reference to an attribute path of a resource or data source.
public struct Reference: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        case attribute(String)
        case index(Int)
    }

    public var address: ResourceAddress
    public var path: [Step]

    public init(_ address: ResourceAddress, path: [String]) {
        self.address = address
        self.path = path.map(Step.attribute)
    }

    /// A reference to one attribute: `aws_s3_bucket.raw.arn` (one allocation, where building a
    /// path of names first takes two; synthesis makes one for every typed reference).
    public init(_ address: ResourceAddress, attribute: String) {
        self.address = address
        self.path = [.attribute(attribute)]
    }

    public init(_ address: ResourceAddress, steps: [Step]) {
        self.address = address
        self.path = steps
    }
}

/// A piece of a string template: literal text, or an interpolated expression.
public enum TemplatePart: Sendable, Equatable {
    case literal(String)
    case expression(Expression)
}
