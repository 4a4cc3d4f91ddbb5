/// A required provider: its source address and version constraint.
public struct ProviderRequirement: Sendable, Equatable {
    public var source: String
    public var version: String

    public init(source: String, version: String) {
        self.source = source
        self.version = version
    }
}

/// Where Terraform keeps state.
public struct Backend: Sendable, Equatable {
    /// The backend type (`s3`, `gcs`, `local`, `remote`), or `cloud` for an HCP Terraform `cloud` block.
    public var type: String
    public var settings: [String: Value]

    public init(type: String, settings: [String: Value]) {
        self.type = type
        self.settings = settings
    }

    /// State in S3 with native locking (`use_lockfile`) and server-side encryption.
    public static func s3(bucket: String, key: String, region: String, kmsKeyID: String? = nil) -> Backend {
        var settings: [String: Value] = [
            "bucket": .string(bucket), "key": .string(key), "region": .string(region),
            "encrypt": true, "use_lockfile": true,
        ]
        if let kmsKeyID { settings["kms_key_id"] = .string(kmsKeyID) }
        return Backend(type: "s3", settings: settings)
    }

    /// State in Google Cloud Storage.
    public static func gcs(bucket: String, prefix: String) -> Backend {
        Backend(type: "gcs", settings: ["bucket": .string(bucket), "prefix": .string(prefix)])
    }

    /// State in a local file.
    public static func local(path: String) -> Backend {
        Backend(type: "local", settings: ["path": .string(path)])
    }

    /// The `remote` backend (HCP Terraform / Terraform Enterprise), one named workspace.
    public static func remote(organization: String, workspace: String, hostname: String? = nil) -> Backend {
        var settings: [String: Value] = [
            "organization": .string(organization), "workspaces": ["name": .string(workspace)],
        ]
        if let hostname { settings["hostname"] = .string(hostname) }
        return Backend(type: "remote", settings: settings)
    }

    /// The `cloud` block (HCP Terraform), one named workspace.
    public static func cloud(organization: String, workspace: String, hostname: String? = nil) -> Backend {
        var settings: [String: Value] = [
            "organization": .string(organization), "workspaces": ["name": .string(workspace)],
        ]
        if let hostname { settings["hostname"] = .string(hostname) }
        return Backend(type: "cloud", settings: settings)
    }
}

/// The `terraform` block.
public struct TerraformSettings: Sendable, Equatable {
    public var requiredVersion: String?
    public var requiredProviders: [String: ProviderRequirement]
    public var backend: Backend?

    public init(requiredVersion: String? = nil, requiredProviders: [String: ProviderRequirement] = [:], backend: Backend? = nil) {
        self.requiredVersion = requiredVersion
        self.requiredProviders = requiredProviders
        self.backend = backend
    }
}

/// A provider configuration block, optionally aliased.
public struct ProviderConfiguration: Sendable, Equatable {
    public var name: String
    public var alias: String?
    public var arguments: [String: Value]

    public init(_ name: String, alias: String? = nil, arguments: [String: Value] = [:]) {
        self.name = name
        self.alias = alias
        self.arguments = arguments
    }
}

/// An input variable.
public struct Variable: Sendable, Equatable {
    public struct Validation: Sendable, Equatable {
        public var condition: Expression
        public var errorMessage: String

        public init(condition: Expression, errorMessage: String) {
            self.condition = condition
            self.errorMessage = errorMessage
        }
    }

    public var name: String
    /// A Terraform type constraint: `string`, `list(string)`, `object({ name = string })`.
    public var type: String?
    public var defaultValue: Value?
    public var description: String?
    public var sensitive: Bool?
    public var nullable: Bool?
    public var validations: [Validation]
    public var location: SourceLocation?

    public init(
        _ name: String, type: String? = nil, default defaultValue: Value? = nil, description: String? = nil,
        sensitive: Bool? = nil, nullable: Bool? = nil, validations: [Validation] = [], location: SourceLocation? = nil
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
        self.sensitive = sensitive
        self.nullable = nullable
        self.validations = validations
        self.location = location
    }
}

/// An output value.
public struct Output: Sendable, Equatable {
    public var name: String
    public var value: Value
    public var description: String?
    public var sensitive: Bool?
    public var dependsOn: [ResourceAddress]
    public var location: SourceLocation?

    public init(
        _ name: String, value: Value, description: String? = nil, sensitive: Bool? = nil,
        dependsOn: [ResourceAddress] = [], location: SourceLocation? = nil
    ) {
        self.name = name
        self.value = value
        self.description = description
        self.sensitive = sensitive
        self.dependsOn = dependsOn
        self.location = location
    }
}

/// A `module` call.
public struct ModuleCall: Sendable, Equatable {
    public var name: String
    public var source: String
    public var version: String?
    public var inputs: [String: Value]
    public var providers: [String: ProviderReference]
    public var dependsOn: [ResourceAddress]
    public var count: Value?
    public var forEach: Value?
    public var location: SourceLocation?

    public init(
        _ name: String, source: String, version: String? = nil, inputs: [String: Value] = [:],
        providers: [String: ProviderReference] = [:], dependsOn: [ResourceAddress] = [],
        count: Value? = nil, forEach: Value? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.source = source
        self.version = version
        self.inputs = inputs
        self.providers = providers
        self.dependsOn = dependsOn
        self.count = count
        self.forEach = forEach
        self.location = location
    }
}

/// A `moved` block: a resource that changed address without being replaced.
public struct Moved: Sendable, Equatable {
    public var from: ResourceAddress
    public var to: ResourceAddress

    public init(from: ResourceAddress, to: ResourceAddress) {
        self.from = from
        self.to = to
    }
}

/// One Terraform root module: everything that renders into one `main.tf.json`.
public struct Configuration: Sendable, Equatable {
    public var terraform: TerraformSettings
    public var providers: [ProviderConfiguration]
    /// Managed resources and data sources, in any order; rendering sorts them.
    public var resources: [Resource]
    public var variables: [Variable]
    public var outputs: [Output]
    public var locals: [String: Value]
    public var modules: [ModuleCall]
    public var moved: [Moved]

    public init(
        terraform: TerraformSettings = TerraformSettings(), providers: [ProviderConfiguration] = [],
        resources: [Resource] = [], variables: [Variable] = [], outputs: [Output] = [],
        locals: [String: Value] = [:], modules: [ModuleCall] = [], moved: [Moved] = []
    ) {
        self.terraform = terraform
        self.providers = providers
        self.resources = resources
        self.variables = variables
        self.outputs = outputs
        self.locals = locals
        self.modules = modules
        self.moved = moved
    }
}
