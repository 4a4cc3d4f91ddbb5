/// A data platform: its environments, the constructs every environment gets, and retention
/// defaults per data classification.
///
/// ```swift
/// let acme = Platform("acme-data", owner: "data-platform@acme.io") {
///     Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
///     Bucket("raw-events", classification: .confidential) {
///         Retention(expireAfter: .days(400), archiveAfter: .days(90))
///     }
/// }
/// ```
public struct Platform: Sendable {
    public var name: String
    public var metadata: Metadata
    public var environments: [Environment]
    public var constructs: [any Construct]
    /// Retention for data of a classification, where a construct declares none (``DefaultRetention``).
    public var retentionDefaults: [DefaultRetention]
    public var location: SourceLocation

    public init(
        _ name: String, owner: String, team: String? = nil, tier: Tier = .tier2,
        classification: Classification = .internal, costCenter: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @PlatformBuilder _ content: () -> [PlatformNode]
    ) {
        self.name = name
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        var environments: [Environment] = []
        var constructs: [any Construct] = []
        var retentionDefaults: [DefaultRetention] = []
        for node in content() {
            switch node {
            case .environment(let e): environments.append(e)
            case .construct(let c): constructs.append(c)
            case .retentionDefault(let d): retentionDefaults.append(d)
            }
        }
        self.environments = environments
        self.constructs = constructs
        self.retentionDefaults = retentionDefaults
    }
}

/// One entry of a platform's body.
public enum PlatformNode: Sendable {
    case environment(Environment)
    case construct(any Construct)
    case retentionDefault(DefaultRetention)
}

/// Builds a platform's body from environments, constructs, `if`, `for` and `switch`.
@resultBuilder
public enum PlatformBuilder {
    public static func buildExpression(_ environment: Environment) -> [PlatformNode] { [.environment(environment)] }
    public static func buildExpression(_ construct: any Construct) -> [PlatformNode] { [.construct(construct)] }
    public static func buildExpression(_ retention: DefaultRetention) -> [PlatformNode] { [.retentionDefault(retention)] }
    public static func buildExpression(_ nodes: [PlatformNode]) -> [PlatformNode] { nodes }
    public static func buildBlock(_ parts: [PlatformNode]...) -> [PlatformNode] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [PlatformNode]?) -> [PlatformNode] { part ?? [] }
    public static func buildEither(first: [PlatformNode]) -> [PlatformNode] { first }
    public static func buildEither(second: [PlatformNode]) -> [PlatformNode] { second }
    public static func buildArray(_ parts: [[PlatformNode]]) -> [PlatformNode] { parts.flatMap { $0 } }
}

extension Construct {
    /// The construct's dynamic type (a class instance's own class, whatever class it is stored as),
    /// read where the construct is stored. Not inlined, so an element of `[any Construct]` is passed
    /// borrowed: `type(of:)` on the element itself copies it first (a retain and a release).
    @inline(never)
    var typeIdentifier: ObjectIdentifier { ObjectIdentifier(type(of: self)) }
}

extension [any Construct] {
    /// The constructs whose type is exactly `T`, in order. Compares each construct's type in place,
    /// so the others are neither cast nor copied (10,000 data products make 30,000 constructs).
    func only<T: Construct>(_ type: T.Type) -> [T] {
        withUnsafeBufferPointer { all in
            var found: [T] = []
            for i in all.indices where all[i].typeIdentifier == ObjectIdentifier(T.self) {
                if let match = all[i] as? T { found.append(match) }
            }
            return found
        }
    }
}
