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

    /// The attribute path: `arn`, or `endpoint[0].address`.
    public var path: [Step] {
        get { head.map { [$0] + tail } ?? [] }
        set {
            head = newValue.first
            tail = Array(newValue.dropFirst())
        }
    }

    /// The path's first step, nil only when the path is empty, and the steps after it: a reference
    /// to one attribute (what synthesis makes for every typed reference) needs no array, so no
    /// allocation. Always split this way, so comparing and hashing the parts is comparing paths.
    private(set) var head: Step?
    private(set) var tail: [Step]

    public init(_ address: ResourceAddress, path: [String]) {
        self.init(address, steps: path.map(Step.attribute))
    }

    /// A reference to one attribute: `aws_s3_bucket.raw.arn`.
    public init(_ address: ResourceAddress, attribute: String) {
        self.address = address
        head = .attribute(attribute)
        tail = []
    }

    public init(_ address: ResourceAddress, steps: [Step]) {
        self.address = address
        head = steps.first
        tail = Array(steps.dropFirst())
    }

    /// Calls `body` with each step of the path, in order, without building the path.
    func forEachStep(_ body: (Step) -> Void) {
        guard let head else { return }
        body(head)
        for step in tail { body(step) }
    }
}

/// A piece of a string template: literal text, or an interpolated expression.
public enum TemplatePart: Sendable, Equatable {
    case literal(String)
    case expression(Expression)
}
