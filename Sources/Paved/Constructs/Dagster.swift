/// Dagster+ constructs on the `dagster-io/dagsterplus` provider: code locations, concurrency pools,
/// and teams with least-privilege permissions from ``Allow`` intents.
///
/// ```swift
/// Dagster.CodeLocation("orders", image: "ghcr.io/acme/orders:2027.01.3", source: .module("orders.definitions"))
/// Dagster.ConcurrencyPool("warehouse", limit: 8).overriding(in: .dev, limit: 1)
/// Dagster.Team("analysts") {
///     Allow(.use, on: "orders")       // LAUNCHER on that code location; VIEWER elsewhere
/// }
/// ```
///
/// Each environment is one Dagster+ deployment: `var.dagsterplus_deployment`, which defaults to the
/// environment's name. The provider's schema is not bundled, so these blocks are not
/// schema-checked: the attributes they write are pinned from the provider's 0.1.10 source (see
/// ``UncheckedSchemas``).
public enum Dagster {}

/// How stacks that use Dagster+ configure the `dagsterplus` provider: the organization is an input
/// variable; the API token comes only from the `DAGSTER_CLOUD_API_TOKEN` environment variable and
/// is never written. The provider has no deployment setting: each resource names its deployment.
public enum DagsterProvider {
    public static let organizationVariable = "dagsterplus_organization"
    public static let deploymentVariable = "dagsterplus_deployment"

    static let variables: [Variable] = [
        Variable(organizationVariable, type: "string", description: "Dagster+ organization (ORG in https://ORG.dagster.cloud)"),
    ]

    static let arguments: [String: Value] = ["organization": .variable(organizationVariable)]

    /// The environment's deployment, `var.dagsterplus_deployment` (declared with the environment's
    /// name as its default).
    static func deployment(_ context: inout SynthesisContext) -> Value {
        context.declareVariable(Variable(
            deploymentVariable, type: "string", default: .string(context.environment.name.rawValue),
            description: "Dagster+ full deployment of this environment"))
        return .variable(deploymentVariable)
    }
}

extension Dagster {
    /// A Dagster+ permission level (`grant`), from least to most.
    public enum Grant: String, Sendable, CaseIterable, Comparable {
        /// See runs, assets and logs.
        case viewer = "VIEWER"
        /// Also launch and re-execute runs, and toggle schedules and sensors.
        case launcher = "LAUNCHER"
        /// Also edit code locations, secrets and concurrency.
        case editor = "EDITOR"
        /// Also manage the deployment's permissions and settings.
        case admin = "ADMIN"

        public static func < (a: Grant, b: Grant) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }

        /// The level an intent needs on a code location.
        static func forIntent(_ intent: AccessIntent) -> Grant? {
            switch intent {
            case .read: .viewer
            case .use: .launcher
            case .write: .editor
            case .own: .admin
            case .readSecret: nil
            }
        }
    }
}

extension Dagster {
    /// A Dagster+ code location (`dagsterplus_code_location`) in the environment's deployment: a
    /// pinned container image and where Dagster finds the definitions in it.
    ///
    /// ```swift
    /// Dagster.CodeLocation("orders", image: "ghcr.io/acme/orders:2027.01.3", source: .module("orders.definitions"))
    ///     .overriding(in: .dev, image: "ghcr.io/acme/orders:2027.02.0-rc1")
    /// ```
    public struct CodeLocation: Construct {
        /// Where the definitions are (`code_source`).
        public enum Source: Sendable, Equatable {
            /// A Python module: `orders.definitions` (`module_name`).
            case module(String)
            /// An installed package: `orders` (`package_name`).
            case package(String)
            /// A file in the image's working directory: `orders/definitions.py` (`python_file`).
            case pythonFile(String)
        }

        public var kind: String { "dagster code location" }
        public var name: String
        public var image: String
        public var source: Source
        public var workingDirectory: String?
        public var metadata: Metadata
        /// The image per environment, where it differs.
        public var imageOverrides: [EnvironmentName: (image: String, location: SourceLocation)] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, image: String, source: Source, workingDirectory: String? = nil,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.image = image
            self.source = source
            self.workingDirectory = workingDirectory
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Runs another image in one environment (a release candidate in dev).
        public func overriding(
            in environment: EnvironmentName, image: String,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.imageOverrides[environment] = (image, SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "dagster code location '\(name)'"
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            if !Prefect.isPinnedImage(image) {
                out.append(.error("\(what) image '\(image)' must be pinned to a version tag or digest (not :latest)", at: location))
            }
            for environment in imageOverrides.keys.sorted() {
                guard let o = imageOverrides[environment], !Prefect.isPinnedImage(o.image) else { continue }
                out.append(.error("\(what) in \(environment): image '\(o.image)' must be pinned to a version tag or digest (not :latest)", at: o.location))
            }
            switch source {
            case .module(let m), .package(let m):
                if !m.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(Prefect.isPythonIdentifier) {
                    out.append(.error("\(what) source '\(m)' is not a dotted Python name (such as orders.definitions)", at: location))
                }
            case .pythonFile(let f):
                let parts = f.split(separator: "/", omittingEmptySubsequences: false)
                if !f.hasSuffix(".py") || f.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == ".." }) || f.count <= 3 {
                    out.append(.error("\(what) pythonFile '\(f)' is not a relative path to a .py file (such as orders/definitions.py)", at: location))
                }
            }
            if let dir = workingDirectory, !dir.hasPrefix("/") || dir.contains(where: \.isWhitespace) {
                out.append(.error("\(what) workingDirectory '\(dir)' must be an absolute path in the image (such as /app)", at: location))
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }

        public func lower(into context: inout SynthesisContext) {
            let deployment = DagsterProvider.deployment(&context)
            let source: Members = switch source {
            case .module(let m): ["module_name": .string(m)]
            case .package(let p): ["package_name": .string(p)]
            case .pythonFile(let f): ["python_file": .string(f)]
            }
            var arguments: Members = [
                "deployment": deployment, "name": .string(name),
                "image": .string(imageOverrides[context.environment.name]?.image ?? image), "code_source": .object(source),
            ]
            if let workingDirectory { arguments["working_directory"] = .string(workingDirectory) }
            context.addUnchecked("dagsterplus_code_location", resourceName, arguments, for: self, metadata: metadata)
        }
    }
}

extension Dagster {
    /// A Dagster+ concurrency pool limit (`dagsterplus_concurrency_pool`): at most `limit`
    /// in-progress ops or assets of the pool (`@dg.asset(pool="warehouse")`) at once.
    ///
    /// ```swift
    /// Dagster.ConcurrencyPool("warehouse", limit: 8).overriding(in: .dev, limit: 1)
    /// ```
    public struct ConcurrencyPool: Construct {
        public var kind: String { "dagster concurrency pool" }
        public var name: String
        /// The pool key used in code; the construct's name unless given.
        public var pool: String
        public var limit: Int
        public var metadata: Metadata
        public var limitOverrides: [EnvironmentName: (limit: Int, location: SourceLocation)] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, pool: String? = nil, limit: Int,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.pool = pool ?? name
            self.limit = limit
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Changes the limit in one environment.
        public func overriding(
            in environment: EnvironmentName, limit: Int,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.limitOverrides[environment] = (limit, SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            let validKey = !pool.isEmpty && pool.count <= 100 && pool.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
            if !validKey {
                out.append(.error(
                    "dagster concurrency pool '\(name)' pool key '\(pool)' must be 1 to 100 letters, digits, '_', '-' or '.'", at: location))
            }
            out += Self.limitErrors(limit, name: name, at: location)
            for environment in limitOverrides.keys.sorted() {
                guard let o = limitOverrides[environment] else { continue }
                out += Self.limitErrors(o.limit, name: name, environment: environment, at: o.location)
            }
            return out
        }

        static func limitErrors(_ limit: Int, name: String, environment: EnvironmentName? = nil, at location: SourceLocation) -> [Diagnostic] {
            guard !(0...1000).contains(limit) else { return [] }
            let scope = environment.map { " in \($0):" } ?? ""
            return [.error("dagster concurrency pool '\(name)'\(scope) limit must be 0 to 1000 (got \(limit))", at: location)]
        }

        public func lower(into context: inout SynthesisContext) {
            let deployment = DagsterProvider.deployment(&context)
            context.addUnchecked("dagsterplus_concurrency_pool", Identifier.sanitize(name), [
                "deployment": deployment, "name": .string(pool),
                "limit": .int(limitOverrides[context.environment.name]?.limit ?? limit),
            ], for: self, metadata: metadata)
        }
    }
}

extension Dagster {
    /// A Dagster+ team (`dagsterplus_team`) with least-privilege access to the environment's
    /// deployment (`dagsterplus_team_deployment_grant`): `deploymentAccess` (VIEWER unless you
    /// say otherwise) across the deployment, and more on the code locations its ``Allow`` intents
    /// name, as location grants.
    ///
    /// ```swift
    /// Dagster.Team("analysts") {
    ///     Allow(.read, on: "orders")    // VIEWER
    ///     Allow(.use, on: "marketing")  // LAUNCHER: launch runs, toggle schedules
    /// }
    /// Dagster.Team("data-platform", deploymentAccess: .editor) {
    ///     Allow(.own, on: "orders")     // ADMIN
    /// }
    /// ```
    ///
    /// Teams belong to the organization, so the team is named per platform and environment
    /// (`acme-data-prod-analysts`) and reaches only its environment's deployment. Membership is
    /// left to SCIM or the Dagster+ UI.
    public struct Team: Construct {
        public var kind: String { "dagster team" }
        public var name: String
        public var deploymentAccess: Grant
        public var grants: [Allow]
        public var metadata: Metadata
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, deploymentAccess: Grant = .viewer,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @RoleBuilder _ grants: () -> [Allow] = { [] }
        ) {
            self.name = name
            self.deploymentAccess = deploymentAccess
            self.grants = grants()
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += grants.explicitGrantErrors(
                "Allow(actions:on:) writes IAM statements for AWS: a dagster team takes Allow(.read, on: \"code-location\"), .use, .write or .own")
            for grant in grants {
                if case .intent(.readSecret, let target) = grant.grant {
                    out.append(.error(
                        "dagster team '\(name)' cannot be granted .readSecret on '\(target)': use .read, .use, .write or .own on a code location",
                        at: grant.location))
                }
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }

        public func lower(into context: inout SynthesisContext) {
            let deployment = DagsterProvider.deployment(&context)
            var levels: [String: (grant: Grant, location: SourceLocation)] = [:]
            for allow in grants {
                guard case .intent(let intent, let target) = allow.grant, let level = Grant.forIntent(intent) else { continue }
                guard let construct = context.construct(named: target) else {
                    context.error(unknownTarget(target, expected: "dagster code location", context: context), at: allow.location)
                    continue
                }
                guard let codeLocation = construct as? CodeLocation else {
                    context.error(
                        "cannot grant .\(intent.rawValue) on \(construct.kind) '\(target)' to dagster team '\(name)': a dagster team can be granted access to dagster code locations only",
                        at: allow.location)
                    continue
                }
                let key = codeLocation.resourceName
                if let existing = levels[key], existing.grant >= level { continue }
                levels[key] = (level, allow.location)
            }
            let team = context.addUnchecked(
                "dagsterplus_team", resourceName, ["name": .string(context.physicalName(name))], for: self, metadata: metadata)
            var arguments: Members = [
                "team_id": .ref(team, "id"), "deployment": deployment, "grant": .string(deploymentAccess.rawValue),
            ]
            let locationGrants: [Value] = levels.keys.sorted().compactMap { key in
                guard let level = levels[key] else { return nil }
                return .object([
                    "location_name": .ref(.resource("dagsterplus_code_location", key), "name"), "grant": .string(level.grant.rawValue),
                ])
            }
            if !locationGrants.isEmpty { arguments["location_grants"] = .list(locationGrants) }
            context.addUnchecked("dagsterplus_team_deployment_grant", resourceName, arguments, for: self, metadata: metadata, part: "grants")
        }
    }
}
