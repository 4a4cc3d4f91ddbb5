/// The name of an environment: `.dev`, `.stage`, `.prod`, or any custom name.
public struct EnvironmentName: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let dev = EnvironmentName("dev")
    public static let stage = EnvironmentName("stage")
    public static let prod = EnvironmentName("prod")

    public var description: String { rawValue }

    public static func < (a: EnvironmentName, b: EnvironmentName) -> Bool { a.rawValue < b.rawValue }
}

/// An AWS account and region that an environment deploys to.
public struct AWSTarget: Sendable, Equatable {
    public var accountID: String
    public var region: String

    /// `.account("111111111111", region: "eu-west-1")`.
    public static func account(_ id: String, region: String) -> AWSTarget {
        AWSTarget(accountID: id, region: region)
    }
}

/// A Google Cloud project and default region that an environment deploys to.
public struct GCPTarget: Sendable, Equatable {
    public var projectID: String
    public var region: String

    /// `.project("acme-data-dev", region: "europe-west1")`.
    public static func project(_ id: String, region: String) -> GCPTarget {
        GCPTarget(projectID: id, region: region)
    }
}

/// One deployment environment: its name, cloud account and region, and Terraform backend.
///
/// Each environment synthesizes to its own stack, `out/<name>/main.tf.json`.
public struct Environment: Sendable {
    public var name: EnvironmentName
    public var aws: AWSTarget?
    /// The Google Cloud project, for constructs that deploy to Google Cloud (BigQuery).
    public var gcp: GCPTarget?
    public var backend: Backend?
    public var location: SourceLocation

    public init(
        _ name: EnvironmentName, aws: AWSTarget? = nil, gcp: GCPTarget? = nil, backend: Backend? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.name = name
        self.aws = aws
        self.gcp = gcp
        self.backend = backend
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }
}
