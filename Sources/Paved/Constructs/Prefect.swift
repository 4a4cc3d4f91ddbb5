/// Prefect constructs: work pools with a concurrency cap, and flows with their deployments and
/// schedules, on the `prefecthq/prefect` provider.
///
/// ```swift
/// Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 20)
///     .overriding(in: .dev, concurrencyLimit: 2)
/// Prefect.Flow("ingest-orders", owner: "ingestion@acme.io") {
///     Prefect.Deployment("hourly", entrypoint: "flows/ingest.py:ingest_orders", workPool: "k8s",
///                        schedule: .cron("0 * * * *", timezone: "Europe/Amsterdam"),
///                        parameters: ["full_refresh": false], concurrencyLimit: 1)
///         .overriding(in: .dev, scheduleActive: false)
/// }
/// ```
///
/// The provider's schema is not bundled, so these blocks are not schema-checked: the attributes
/// they write are pinned from the provider's v3.4.1 source (see ``UncheckedSchemas``).
/// Each environment is one Prefect workspace (`var.prefect_workspace_id`), so names are the
/// names you give, the way flow code and `prefect deploy` refer to them.
public enum Prefect {}

/// How stacks that use Prefect configure the `prefect` provider: the account, the environment's
/// workspace and the API URL are input variables; the API key comes only from the
/// `PREFECT_API_KEY` environment variable and is never written.
public enum PrefectProvider {
    public static let accountVariable = "prefect_account_id"
    public static let workspaceVariable = "prefect_workspace_id"
    public static let endpointVariable = "prefect_endpoint"

    static let variables: [Variable] = [
        Variable(
            accountVariable, type: "string", description: "Prefect Cloud account ID (UUID)",
            validations: [uuidValidation(accountVariable, "account")]),
        Variable(
            workspaceVariable, type: "string", description: "Prefect Cloud workspace ID (UUID) of this environment",
            validations: [uuidValidation(workspaceVariable, "workspace")]),
        Variable(
            endpointVariable, type: "string", default: "https://api.prefect.cloud", description: "Prefect API URL",
            validations: [Variable.Validation(
                condition: .raw("startswith(var.\(endpointVariable), \"https://\")"),
                errorMessage: "The Prefect API URL must use https:// (the API key is sent with every request).")]),
    ]

    static func uuidValidation(_ variable: String, _ what: String) -> Variable.Validation {
        Variable.Validation(
            condition: .raw("can(regex(\"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$\", var.\(variable)))"),
            errorMessage: "The Prefect \(what) ID is a UUID (Prefect Cloud shows it in the \(what) URL).")
    }

    static let arguments: [String: Value] = [
        "endpoint": .variable(endpointVariable), "account_id": .variable(accountVariable),
        "workspace_id": .variable(workspaceVariable),
    ]
}

extension Prefect {
    /// Prefect tags from metadata (`owner:data@acme.io`, `tier:tier1`, …) and `extra` tags, sorted
    /// and without repeats: Prefect tags are plain strings, so each metadata entry is `key:value`.
    static func tags(_ metadata: Metadata, extra: [String], context: SynthesisContext) -> Value {
        var all = Set(context.metadataStrings(metadata).map { "\($0.key):\($0.value)" })
        all.formUnion(extra)
        return .strings(all.sorted())
    }

    /// Problems with user tags: empty, too long, repeated.
    static func tagErrors(_ tags: [String], what: String, at location: SourceLocation) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for tag in tags where tag.allSatisfy(\.isWhitespace) || tag.count > 100 {
            out.append(.error("\(what) tag '\(tag)' must be 1 to 100 characters and not blank", at: location))
        }
        if Set(tags).count != tags.count { out.append(.error("\(what) lists a tag twice", at: location)) }
        return out
    }

    /// A Python identifier: `ingest_orders`.
    static func isPythonIdentifier(_ s: some StringProtocol) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// A container image pinned to a tag other than `latest`, or to a digest:
    /// `ghcr.io/acme/flows:2027.01.3`, `…@sha256:…`.
    static func isPinnedImage(_ image: String) -> Bool {
        guard !image.isEmpty, !image.contains(where: \.isWhitespace) else { return false }
        if let at = image.firstIndex(of: "@") { return image[image.index(after: at)...].hasPrefix("sha256:") }
        let lastComponent = image.split(separator: "/").last ?? ""
        guard let colon = lastComponent.lastIndex(of: ":") else { return false }
        let tag = lastComponent[lastComponent.index(after: colon)...]
        return !tag.isEmpty && tag != "latest"
    }
}

extension Prefect {
    /// A Prefect work pool (`prefect_work_pool`): the infrastructure type flow runs start on, with
    /// a cap on concurrent runs, optionally paused.
    ///
    /// ```swift
    /// Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 20)
    ///     .overriding(in: .dev, concurrencyLimit: 2, paused: true)
    /// ```
    ///
    /// The base job template is left to Prefect's default for the type: it is a JSON Schema
    /// document per worker type that Paved cannot check, so set job variables per deployment
    /// (``Deployment`` `image:`) instead.
    public struct WorkPool: Construct {
        /// The worker type (`type`); fixed once created.
        public enum PoolType: String, Sendable, CaseIterable {
            case process, kubernetes, ecs, docker
            case cloudRun = "cloud-run", cloudRunV2 = "cloud-run-v2", vertexAI = "vertex-ai"
            case azureContainerInstance = "azure-container-instance"
            /// Prefect Managed infrastructure (Prefect Cloud).
            case managed = "prefect:managed"

            /// Whether flow runs start in a container image (so ``Deployment`` `image:` applies).
            var runsImages: Bool { self != .process }
        }

        /// What one environment changes.
        public struct Override: Sendable {
            public var concurrencyLimit: Int?
            public var paused: Bool?
            public var location: SourceLocation
        }

        public var kind: String { "prefect work pool" }
        public var name: String
        public var type: PoolType
        public var concurrencyLimit: Int
        public var paused: Bool
        public var description: String?
        public var metadata: Metadata
        public var overrides: [EnvironmentName: Override] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        /// A work pool of `type` running at most `concurrencyLimit` flow runs at once.
        public init(
            _ name: String, type: PoolType, concurrencyLimit: Int, paused: Bool = false, description: String? = nil,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.type = type
            self.concurrencyLimit = concurrencyLimit
            self.paused = paused
            self.description = description
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Changes the concurrency limit or pauses the pool in one environment.
        public func overriding(
            in environment: EnvironmentName, concurrencyLimit: Int? = nil, paused: Bool? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.overrides[environment] = Override(
                concurrencyLimit: concurrencyLimit, paused: paused, location: SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += Self.limitErrors(concurrencyLimit, pool: name, at: location)
            for environment in overrides.keys.sorted() {
                guard let o = overrides[environment], let limit = o.concurrencyLimit else { continue }
                out += Self.limitErrors(limit, pool: name, environment: environment, at: o.location)
            }
            return out
        }

        static func limitErrors(_ limit: Int, pool: String, environment: EnvironmentName? = nil, at location: SourceLocation) -> [Diagnostic] {
            guard !(0...10_000).contains(limit) else { return [] }
            let scope = environment.map { " in \($0)" } ?? ""
            return [.error(
                "prefect work pool '\(pool)'\(scope): concurrencyLimit must be 0 to 10000 flow runs (got \(limit)); 0 stops new runs",
                at: location)]
        }

        var resourceName: String { Identifier.sanitize(name) }

        public func lower(into context: inout SynthesisContext) {
            let override = overrides[context.environment.name]
            var arguments: Members = [
                "name": .string(name), "type": .string(type.rawValue),
                "concurrency_limit": .int(override?.concurrencyLimit ?? concurrencyLimit),
                "paused": .bool(override?.paused ?? paused),
            ]
            if let description { arguments["description"] = .string(description) }
            context.addUnchecked("prefect_work_pool", resourceName, arguments, for: self, metadata: metadata)
        }
    }
}

extension Prefect {
    /// When a deployment's flow runs: a cron expression or a fixed interval, in a time zone.
    ///
    /// ```swift
    /// .cron("0 6 * * 1-5", timezone: "Europe/Amsterdam")
    /// .every(.hours(1), from: "2027-01-01T00:00:00Z")
    /// ```
    public struct Schedule: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case cron(String)
            case interval(Interval)
        }

        public var kind: Kind
        /// An IANA time zone (`Europe/Amsterdam`) or `UTC`.
        public var timezone: String
        /// For intervals: the RFC 3339 time the intervals count from.
        public var anchorDate: String?

        /// A cron schedule (five fields, or `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`).
        public static func cron(_ expression: String, timezone: String = "UTC") -> Schedule {
            Schedule(kind: .cron(expression), timezone: timezone, anchorDate: nil)
        }

        /// A run every `interval` (at least a minute), counted from `anchor` when given.
        public static func every(_ interval: Interval, from anchor: String? = nil, timezone: String = "UTC") -> Schedule {
            Schedule(kind: .interval(interval), timezone: timezone, anchorDate: anchor)
        }

        func errors(what: String, at location: SourceLocation) -> [Diagnostic] {
            var out: [Diagnostic] = []
            switch kind {
            case .cron(let expression):
                if let problem = Self.cronProblem(expression) {
                    out.append(.error("\(what) cron '\(expression)' is invalid: \(problem)", at: location))
                }
            case .interval(let interval):
                if interval.seconds < 60 {
                    out.append(.error("\(what) interval must be at least 1 minute (got \(interval))", at: location))
                }
            }
            if !Self.isTimezone(timezone) {
                out.append(.error("\(what) timezone '\(timezone)' is not an IANA time zone (such as Europe/Amsterdam or UTC)", at: location))
            }
            if let anchorDate, !GCPSecret.isTimestamp(anchorDate) {
                out.append(.error("\(what) anchor '\(anchorDate)' is not an RFC 3339 UTC time (such as 2027-01-01T00:00:00Z)", at: location))
            }
            return out
        }

        /// `UTC`, `Etc/GMT+2` or `Area/Location` (`America/Argentina/Buenos_Aires`).
        static func isTimezone(_ s: String) -> Bool {
            if s == "UTC" { return true }
            let parts = s.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count >= 2, parts.count <= 3 else { return false }
            return parts.allSatisfy { part in
                guard let first = part.first, first.isASCII, first.isUppercase else { return false }
                return part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "+") }
            }
        }

        static let cronMacros: Set<String> = ["@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually"]
        static let cronFields: [(name: String, range: ClosedRange<Int>, names: [String])] = [
            ("minute", 0...59, []), ("hour", 0...23, []), ("day of month", 1...31, []),
            ("month", 1...12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
            ("day of week", 0...7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
        ]

        /// Why `expression` is not a cron expression croniter accepts, or nil.
        static func cronProblem(_ expression: String) -> String? {
            if expression.hasPrefix("@") {
                return cronMacros.contains(expression) ? nil : "unknown macro (use @hourly, @daily, @weekly, @monthly or @yearly)"
            }
            let fields = expression.split(whereSeparator: \.isWhitespace)
            guard fields.count == 5 else {
                return "needs 5 fields (minute hour day-of-month month day-of-week), got \(fields.count)"
            }
            for (field, spec) in zip(fields, cronFields) {
                for item in field.split(separator: ",", omittingEmptySubsequences: false) {
                    if !isCronItem(item, range: spec.range, names: spec.names) {
                        return "'\(item)' is not a valid \(spec.name) (\(spec.range.lowerBound)-\(spec.range.upperBound), *, a-b or */n)"
                    }
                }
            }
            return nil
        }

        /// `*`, `*/n`, `a`, `a-b`, `a-b/n` or `a/n`, with values in `range` (or the field's names).
        static func isCronItem(_ item: Substring, range: ClosedRange<Int>, names: [String]) -> Bool {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2, let base = stepParts.first, !base.isEmpty else { return false }
            if stepParts.count == 2 {
                guard let step = Int(stepParts[1]), step >= 1, step <= range.upperBound else { return false }
            }
            if base == "*" { return true }
            func value(_ s: Substring) -> Int? {
                if let n = Int(s), s.allSatisfy(\.isNumber) { return range.contains(n) ? n : nil }
                if let i = names.firstIndex(of: s.uppercased()) { return i + range.lowerBound }
                return nil
            }
            let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
            switch bounds.count {
            case 1: return value(bounds[0]) != nil
            case 2:
                guard let a = value(bounds[0]), let b = value(bounds[1]) else { return false }
                return a <= b
            default: return false
            }
        }
    }
}

extension Prefect {
    /// A deployment of a ``Flow`` (`prefect_deployment`): where its code starts, which work pool
    /// runs it, its schedule (`prefect_deployment_schedule`), parameters and concurrency.
    ///
    /// ```swift
    /// Prefect.Deployment("hourly", entrypoint: "flows/ingest.py:ingest_orders", workPool: "k8s",
    ///                    schedule: .cron("0 * * * *"), parameters: ["full_refresh": false],
    ///                    concurrencyLimit: 1, image: "ghcr.io/acme/flows:2027.01.3")
    ///     .overriding(in: .dev, scheduleActive: false)
    /// ```
    public struct Deployment: Sendable {
        /// What one environment changes.
        public struct Override: Sendable {
            public var paused: Bool?
            public var scheduleActive: Bool?
            public var concurrencyLimit: Int?
            public var parameters: [String: Value]?
            public var location: SourceLocation
        }

        public var name: String
        /// `path/to/file.py:flow_function`, relative to the flow code's working directory.
        public var entrypoint: String
        /// The name of a ``WorkPool`` in the platform.
        public var workPool: String
        public var schedule: Schedule?
        /// Default parameters of the flow runs, written with `jsonencode`.
        public var parameters: [String: Value]
        public var concurrencyLimit: Int?
        /// The container image flow runs start in (job variable `image`), pinned to a tag or digest.
        public var image: String?
        public var description: String?
        public var tags: [String]
        public var paused: Bool
        public var overrides: [EnvironmentName: Override] = [:]
        public var location: SourceLocation

        public init(
            _ name: String, entrypoint: String, workPool: String, schedule: Schedule? = nil, parameters: [String: Value] = [:],
            concurrencyLimit: Int? = nil, image: String? = nil, description: String? = nil, tags: [String] = [],
            paused: Bool = false,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.entrypoint = entrypoint
            self.workPool = workPool
            self.schedule = schedule
            self.parameters = parameters
            self.concurrencyLimit = concurrencyLimit
            self.image = image
            self.description = description
            self.tags = tags
            self.paused = paused
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Pauses the deployment, turns its schedule off, or changes its concurrency limit or
        /// parameters (merged over the defaults) in one environment.
        public func overriding(
            in environment: EnvironmentName, paused: Bool? = nil, scheduleActive: Bool? = nil, concurrencyLimit: Int? = nil,
            parameters: [String: Value]? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.overrides[environment] = Override(
                paused: paused, scheduleActive: scheduleActive, concurrencyLimit: concurrencyLimit, parameters: parameters,
                location: SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        var resourceName: String { Identifier.sanitize(name) }

        func validate(flow: String) -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "prefect deployment '\(name)' of flow '\(flow)'"
            if let d = NameRule.check(name, kind: "prefect deployment", at: location) { out.append(d) }
            if !Self.isEntrypoint(entrypoint) {
                out.append(.error(
                    "\(what) entrypoint '\(entrypoint)' is not path/to/file.py:flow_function (a relative .py path, a colon and the flow function's name)",
                    at: location))
            }
            if workPool.isEmpty { out.append(.error("\(what) needs a workPool: name a Prefect.WorkPool of the platform", at: location)) }
            if let schedule { out += schedule.errors(what: what, at: location) }
            if schedule == nil, overrides.values.contains(where: { $0.scheduleActive != nil }) {
                for environment in overrides.keys.sorted() where overrides[environment]?.scheduleActive != nil {
                    out.append(.error("\(what) in \(environment): scheduleActive needs a schedule", at: overrides[environment]?.location ?? location))
                }
            }
            out += Self.parameterErrors(parameters, what: what, at: location)
            if let limit = concurrencyLimit { out += Self.limitErrors(limit, what: what, at: location) }
            if let image, !Prefect.isPinnedImage(image) {
                out.append(.error("\(what) image '\(image)' must be pinned to a version tag or digest (not :latest)", at: location))
            }
            out += Prefect.tagErrors(tags, what: what, at: location)
            for environment in overrides.keys.sorted() {
                guard let o = overrides[environment] else { continue }
                if let limit = o.concurrencyLimit { out += Self.limitErrors(limit, what: "\(what) in \(environment):", at: o.location) }
                if let p = o.parameters { out += Self.parameterErrors(p, what: "\(what) in \(environment):", at: o.location) }
            }
            return out
        }

        static func limitErrors(_ limit: Int, what: String, at location: SourceLocation) -> [Diagnostic] {
            guard limit < 1 else { return [] }
            return [.error("\(what) concurrencyLimit must be at least 1 (got \(limit)); pause the deployment to stop its runs", at: location)]
        }

        static func parameterErrors(_ parameters: [String: Value], what: String, at location: SourceLocation) -> [Diagnostic] {
            parameters.keys.sorted().filter { !Prefect.isPythonIdentifier($0) }.map { key in
                .error("\(what) parameter '\(key)' is not a Python identifier (the flow function's argument name)", at: location)
            }
        }

        /// `flows/ingest.py:ingest_orders`: a relative path to a `.py` file, a colon, a function name.
        static func isEntrypoint(_ s: String) -> Bool {
            guard let colon = s.lastIndex(of: ":") else { return false }
            let path = s[..<colon]
            let function = s[s.index(after: colon)...]
            guard Prefect.isPythonIdentifier(function), path.hasSuffix(".py"), !path.hasPrefix("/") else { return false }
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            return components.allSatisfy { c in
                !c.isEmpty && c != ".." && c.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
            } && components.last.map { $0.count > 3 } == true
        }
    }
}

/// Builds a flow's deployments.
@resultBuilder
public enum PrefectDeploymentBuilder {
    public static func buildExpression(_ deployment: Prefect.Deployment) -> [Prefect.Deployment] { [deployment] }
    public static func buildBlock(_ parts: [Prefect.Deployment]...) -> [Prefect.Deployment] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Prefect.Deployment]?) -> [Prefect.Deployment] { part ?? [] }
    public static func buildEither(first: [Prefect.Deployment]) -> [Prefect.Deployment] { first }
    public static func buildEither(second: [Prefect.Deployment]) -> [Prefect.Deployment] { second }
    public static func buildArray(_ parts: [[Prefect.Deployment]]) -> [Prefect.Deployment] { parts.flatMap { $0 } }
}

extension Prefect {
    /// A Prefect flow (`prefect_flow`) and its deployments. The name is the flow's name in Prefect:
    /// `@flow(name="ingest-orders")`, or the function name with dashes for underscores.
    ///
    /// ```swift
    /// Prefect.Flow("ingest-orders", tags: ["ingestion"], owner: "ingestion@acme.io", tier: .tier1) {
    ///     Prefect.Deployment("hourly", entrypoint: "flows/ingest.py:ingest_orders", workPool: "k8s", schedule: .cron("0 * * * *"))
    /// }
    /// ```
    ///
    /// Tags on the flow and each deployment carry the metadata as `key:value` strings
    /// (`owner:ingestion@acme.io`, `tier:tier1`, …) plus the tags you give.
    public struct Flow: Construct {
        public var kind: String { "prefect flow" }
        public var name: String
        public var tags: [String]
        public var deployments: [Deployment]
        public var metadata: Metadata
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, tags: [String] = [],
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @PrefectDeploymentBuilder _ deployments: () -> [Deployment] = { [] }
        ) {
            self.name = name
            self.tags = tags
            self.deployments = deployments()
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += Prefect.tagErrors(tags, what: "prefect flow '\(name)'", at: location)
            var seen: [String: SourceLocation] = [:]
            for deployment in deployments {
                if let first = seen[deployment.name] {
                    out.append(.error(
                        "prefect flow '\(name)' has two deployments named '\(deployment.name)'; the first is at \(first)", at: deployment.location))
                }
                seen[deployment.name] = seen[deployment.name] ?? deployment.location
                out += deployment.validate(flow: name)
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }

        public func lower(into context: inout SynthesisContext) {
            let flow = context.addUnchecked("prefect_flow", resourceName, [
                "name": .string(name), "tags": Prefect.tags(metadata, extra: tags, context: context),
            ], for: self, metadata: metadata)
            var added: Set<String> = []
            for deployment in deployments where added.insert(deployment.resourceName).inserted {  // a repeat is an error from validate()
                lower(deployment, flow: flow, into: &context)
            }
        }

        func lower(_ deployment: Deployment, flow: ResourceAddress, into context: inout SynthesisContext) {
            let what = "prefect deployment '\(deployment.name)' of flow '\(name)'"
            guard let target = context.construct(named: deployment.workPool) else {
                context.error(unknownTarget(deployment.workPool, expected: "prefect work pool", context: context), at: deployment.location)
                return
            }
            guard let pool = target as? WorkPool else {
                context.error(
                    "\(what) names \(target.kind) '\(deployment.workPool)' as its workPool; name a Prefect.WorkPool", at: deployment.location)
                return
            }
            if deployment.image != nil, !pool.type.runsImages {
                context.error(
                    "\(what) sets an image, but work pool '\(pool.name)' is a \(pool.type.rawValue) pool, which runs no containers",
                    at: deployment.location)
            }
            let override = deployment.overrides[context.environment.name]
            let n = "\(resourceName)_\(deployment.resourceName)"
            var arguments: Members = [
                "name": .string(deployment.name), "flow_id": .ref(flow, "id"), "entrypoint": .string(deployment.entrypoint),
                "work_pool_name": .ref(.resource("prefect_work_pool", pool.resourceName), "name"),
                "work_queue_name": "default", "enforce_parameter_schema": true,
                "paused": .bool(override?.paused ?? deployment.paused),
                "tags": Prefect.tags(metadata, extra: tags + deployment.tags, context: context),
            ]
            var parameters = deployment.parameters
            for (key, value) in override?.parameters ?? [:] { parameters[key] = value }
            if !parameters.isEmpty { arguments["parameters"] = .jsonencode(.object(Members(parameters))) }
            if let limit = override?.concurrencyLimit ?? deployment.concurrencyLimit { arguments["concurrency_limit"] = .int(limit) }
            if let image = deployment.image { arguments["job_variables"] = .jsonencode(["image": .string(image)]) }
            if let description = deployment.description { arguments["description"] = .string(description) }
            let address = context.addUnchecked(
                "prefect_deployment", n, arguments, for: self, metadata: metadata, at: deployment.location, part: deployment.name)

            guard let schedule = deployment.schedule else { return }
            var scheduleArguments: Members = [
                "deployment_id": .ref(address, "id"), "active": .bool(override?.scheduleActive ?? true),
                "timezone": .string(schedule.timezone),
            ]
            switch schedule.kind {
            case .cron(let expression): scheduleArguments["cron"] = .string(expression)
            case .interval(let interval): scheduleArguments["interval"] = .int(interval.seconds)
            }
            if let anchor = schedule.anchorDate { scheduleArguments["anchor_date"] = .string(anchor) }
            context.addUnchecked(
                "prefect_deployment_schedule", n, scheduleArguments, for: self, metadata: metadata, at: deployment.location,
                part: "\(deployment.name)/schedule")
        }
    }
}
