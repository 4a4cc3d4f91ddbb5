/// One environment's Terraform root module.
public struct Stack: Sendable, Equatable {
    public var environment: EnvironmentName
    public var configuration: Configuration

    /// Where the stack is written, relative to the output folder: `dev/main.tf.json`.
    public var path: String { "\(environment.rawValue)/main.tf.json" }
}

/// The result of synthesizing a platform: one stack per environment, and every diagnostic.
public struct Synthesis: Sendable {
    public var platform: String
    public var stacks: [Stack]
    public var diagnostics: [Diagnostic]
}

/// Provider versions Paved writes into `required_providers`, matching the schemas it validates against.
public enum ProviderVersions {
    public static let terraform = ">= 1.6.0"
    public static let aws = ProviderRequirement(source: "hashicorp/aws", version: "~> 6.25.0")
    public static let google = ProviderRequirement(source: "hashicorp/google", version: "~> 6.50.0")
    public static let snowflake = ProviderRequirement(source: "snowflakedb/snowflake", version: "~> 2.11.0")
    public static let databricks = ProviderRequirement(source: "databricks/databricks", version: "~> 1.99.0")
    public static let vault = ProviderRequirement(source: "hashicorp/vault", version: "~> 5.6.0")
    /// Not in the bundled schemas: the attributes Paved writes are pinned from v3.4.1's source (UncheckedSchemas).
    public static let prefect = ProviderRequirement(source: "prefecthq/prefect", version: "~> 3.4.1")
    /// Not in the bundled schemas: pinned exactly, since 0.1.x releases make breaking changes (UncheckedSchemas).
    public static let dagsterplus = ProviderRequirement(source: "dagster-io/dagsterplus", version: "= 0.1.10")

    static func requirement(for name: String) -> ProviderRequirement? {
        switch name {
        case "aws": aws
        case "google": google
        case "snowflake": snowflake
        case "databricks": databricks
        case "vault": vault
        case "prefect": prefect
        case "dagsterplus": dagsterplus
        default: nil
        }
    }
}

/// Lowers a ``Platform`` into one ``Stack`` per environment.
///
/// A pure function: no I/O. Every problem is returned as a diagnostic at the user's Swift line.
public struct Synthesizer: Sendable {
    public init() {}

    /// Synthesizes `environments` (all when nil) of `platform`.
    public func synthesize(_ platform: Platform, environments selected: [EnvironmentName]? = nil) -> Synthesis {
        var firstNamed: [String: Int] = [:]
        var diagnostics = validate(platform, firstNamed: &firstNamed)
        // The table validation built, with the constructs in place of their indices (no rehashing).
        let constructs = platform.constructs
        let byName = firstNamed.mapValues { constructs[$0] }

        var stacks: [Stack] = []
        let environments = platform.environments.filter { selected?.contains($0.name) ?? true }
        for environment in environments {
            var context = lower(platform.constructs, into: SynthesisContext(platform: platform, environment: environment, constructs: byName))
            diagnostics += context.diagnostics
            let (configuration, references) = assemble(&context, environment: environment)
            diagnostics += ConfigurationChecker().check(configuration, references: references)
            stacks.append(Stack(environment: environment.name, configuration: configuration))
        }
        return Synthesis(platform: platform.name, stacks: stacks, diagnostics: Self.unique(diagnostics))
    }

    /// Lowers every construct. Large platforms lower in contiguous chunks on every core, each into
    /// its own context; the chunks are joined in declaration order, so the result is the same as a
    /// sequential run.
    func lower(_ constructs: [any Construct], into base: SynthesisContext) -> SynthesisContext {
        let chunkSize = 256
        if constructs.count <= chunkSize {
            var context = base
            for construct in constructs { construct.lower(into: &context) }
            return context
        }
        var parts = Parallel.map(constructs.count, chunkSize: chunkSize) { range in
            var context = base
            context.reserveCapacity(blocks: 16 * range.count)
            for construct in constructs[range] { construct.lower(into: &context) }
            return context
        }
        var joined = base
        let (first, references) = joined.takeResources()
        var pieces = [consume first]
        var referenceParts = [consume references]
        for i in parts.indices {
            let part = parts[i].takeResources()
            pieces.append(part.resources)
            referenceParts.append(part.references)
            joined.absorb(parts[i])
        }
        joined.replaceResources(with: Self.concatenated(&pieces), references: BlockReferences.joined(&referenceParts))
        return joined
    }

    /// The elements of `pieces`, in order, moved into one array; `pieces` is left empty. Popped
    /// off the end of its piece, each element is moved into place: a copy would retain, and
    /// dropping the piece release, every string and value in it.
    static func concatenated(_ pieces: inout [[Resource]]) -> [Resource] {
        let count = pieces.reduce(0) { $0 + $1.count }
        let joined = [Resource](unsafeUninitializedCapacity: count) { target, initialized in
            guard let base = target.baseAddress else { return }
            var k = count
            for p in pieces.indices.reversed() {
                while let last = pieces[p].popLast() {
                    k -= 1
                    (base + k).initialize(to: last)
                }
            }
            initialized = count
        }
        pieces = []
        return joined
    }

    /// Problems that do not depend on the environment: names, duplicates, construct inputs.
    public func validate(_ platform: Platform) -> [Diagnostic] {
        var firstNamed: [String: Int] = [:]
        return validate(platform, firstNamed: &firstNamed)
    }

    /// ``validate(_:)``, also giving the index of the first construct with each name.
    func validate(_ platform: Platform, firstNamed names: inout [String: Int]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if !NameRule.isKebab(platform.name) || platform.name.count > 24 {
            out.append(.error(
                "platform name '\(platform.name)' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 24 characters",
                at: platform.location))
        }
        if platform.environments.isEmpty {
            out.append(.error("platform '\(platform.name)' has no environment: add Environment(.dev, aws: .account(\"123456789012\", region: \"eu-west-1\"))", at: platform.location))
        }
        var environments: [EnvironmentName: SourceLocation] = [:]
        for e in platform.environments {
            if let first = environments[e.name] {
                out.append(.error("environment '\(e.name)' is declared twice; first at \(first)", at: e.location))
            }
            environments[e.name] = environments[e.name] ?? e.location
            if !NameRule.isKebab(e.name.rawValue) || e.name.rawValue.count > 16 {
                out.append(.error("environment name '\(e.name)' is invalid: use lowercase letters, digits and dashes, at most 16 characters", at: e.location))
            }
            if let gcp = e.gcp {
                if !Self.isGCPProjectID(gcp.projectID) {
                    out.append(.error("environment '\(e.name)': '\(gcp.projectID)' is not a Google Cloud project ID (6 to 30 lowercase letters, digits and dashes, starting with a letter)", at: e.location))
                }
                if !Self.isGCPRegion(gcp.region) {
                    out.append(.error("environment '\(e.name)': '\(gcp.region)' is not a Google Cloud region (such as europe-west1)", at: e.location))
                }
            }
            if let aws = e.aws {
                if aws.accountID.count != 12 || !aws.accountID.allSatisfy(\.isASCII) || !aws.accountID.allSatisfy(\.isNumber) {
                    out.append(.error("environment '\(e.name)': AWS account ID '\(aws.accountID)' must be 12 digits", at: e.location))
                }
                if !Self.isRegion(aws.region) {
                    out.append(.error("environment '\(e.name)': '\(aws.region)' is not an AWS region (such as eu-west-1)", at: e.location))
                }
            }
        }
        // Each construct's own checks depend on nothing else: large platforms run them in chunks
        // on every core. The reports keep declaration order.
        let constructs = platform.constructs
        let environmentNames = platform.environments.map(\.name)
        let own = Parallel.map(constructs.count, chunkSize: 512) { range in
            constructs[range].map { construct in
                var found = construct.validate()
                found += construct.undeclaredOverrides(environmentNames)
                for waiver in construct.waivers { found += waiver.validate() }
                return found
            }
        }.flatMap { $0 }
        names = [:]
        names.reserveCapacity(constructs.count)
        constructs.withUnsafeBufferPointer { constructs in  // read in place: no copy of each construct
            for i in constructs.indices {
                let name = constructs[i].name
                if let first = names.updateValue(i, forKey: name) {
                    names[name] = first
                    out.append(.error(
                        "name '\(name)' is already used by the \(constructs[first].kind) at \(constructs[first].location); names are unique within a platform",
                        at: constructs[i].location))
                }
                out += own[i]
            }
        }
        out += DefaultRetention.validate(platform.retentionDefaults)
        let logBuckets = platform.constructs.only(LogBucket.self)
        for extra in logBuckets.dropFirst() {
            out.append(.error("a platform has one LogBucket; '\(logBuckets[0].name)' is declared at \(logBuckets[0].location)", at: extra.location))
        }
        return out
    }

    static func isGCPProjectID(_ s: String) -> Bool {
        guard (6...30).contains(s.count), let first = s.first, first.isASCII, first.isLowercase, s.last != "-" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    static func isGCPRegion(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let last = parts.last, let digit = last.firstIndex(where: \.isNumber), digit != last.startIndex else { return false }
        return parts[0].allSatisfy { $0.isASCII && $0.isLowercase }
            && last[..<digit].allSatisfy { $0.isASCII && $0.isLowercase } && last[digit...].allSatisfy(\.isNumber)
    }

    static func isRegion(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, last.allSatisfy(\.isNumber), !last.isEmpty else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// The stack's configuration, its blocks in address order, and what each block refers to.
    private func assemble(_ context: inout SynthesisContext, environment: Environment) -> (Configuration, BlockReferences) {
        var requirements: [String: ProviderRequirement] = [:]
        var providers: [ProviderConfiguration] = []
        var variables = context.variables
        for name in context.providersUsed.sorted() {
            if let requirement = ProviderVersions.requirement(for: name) { requirements[name] = requirement }
            if name == "aws", let aws = environment.aws {
                providers.append(ProviderConfiguration("aws", arguments: [
                    "region": .string(aws.region), "allowed_account_ids": .strings([aws.accountID]),
                ]))
            }
            if name == "google", let gcp = environment.gcp {
                providers.append(ProviderConfiguration("google", arguments: [
                    "project": .string(gcp.projectID), "region": .string(gcp.region),
                ]))
            }
            if let setup = Self.configuredFromVariables[name] {
                for variable in setup.variables where variables[variable.name] == nil { variables[variable.name] = variable }
                providers.append(ProviderConfiguration(name, arguments: setup.arguments))
            }
        }
        var (unsorted, references) = context.takeResources()
        let (resources, order) = AddressOrder.sortedWithOrder(consume unsorted)
        references.reorder(order)
        let configuration = Configuration(
            terraform: TerraformSettings(
                requiredVersion: ProviderVersions.terraform, requiredProviders: requirements, backend: environment.backend),
            providers: providers, resources: resources,
            variables: variables.keys.sorted().compactMap { variables[$0] })
        return (configuration, references)
    }

    /// Providers whose configuration is input variables only (account, workspace, address: set per
    /// environment in tfvars). Their credentials stay in each provider's own environment variables
    /// or config files (`SNOWFLAKE_PRIVATE_KEY`, `DATABRICKS_CLIENT_SECRET`, `PREFECT_API_KEY`,
    /// `DAGSTER_CLOUD_API_TOKEN`, `VAULT_TOKEN`…), never in Paved's output.
    static let configuredFromVariables: [String: (variables: [Variable], arguments: [String: Value])] = [
        "snowflake": (SnowflakeProvider.variables, [
            "organization_name": .expression(.variable(SnowflakeProvider.organizationVariable)),
            "account_name": .expression(.variable(SnowflakeProvider.accountVariable)),
        ]),
        "databricks": (DatabricksProvider.variables, ["host": .expression(.variable(DatabricksProvider.hostVariable))]),
        "prefect": (PrefectProvider.variables, PrefectProvider.arguments),
        "dagsterplus": (DagsterProvider.variables, DagsterProvider.arguments),
        "vault": (VaultProvider.variables, [
            "address": .expression(.variable(VaultProvider.addressVariable)),
            "namespace": .expression(.variable(VaultProvider.namespaceVariable)),
        ]),
    ]

    /// Diagnostics in first-seen order without repeats (a construct problem is found once per environment).
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: [Diagnostic] = []
        for d in diagnostics where !seen.contains(d) { seen.append(d) }
        return seen
    }
}

/// How stacks that use Snowflake configure the `snowflake` provider: the organization and account
/// are input variables, so one stack serves any account; authentication (key pair, OAuth, SSO)
/// stays in the provider's environment variables or `~/.snowflake/config.toml`, never in output.
public enum SnowflakeProvider {
    public static let organizationVariable = "snowflake_organization_name"
    public static let accountVariable = "snowflake_account_name"

    static let variables: [Variable] = [
        Variable(organizationVariable, type: "string", description: "Snowflake organization name (SELECT CURRENT_ORGANIZATION_NAME())"),
        Variable(accountVariable, type: "string", description: "Snowflake account name within the organization (SELECT CURRENT_ACCOUNT_NAME())"),
    ]
}
