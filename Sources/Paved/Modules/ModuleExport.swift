/// How a ``SynthesisContext`` lowers a construct as a reusable Terraform module instead of into one
/// environment's stack (`paved modules export`).
///
/// The construct is lowered by its own `lower(into:)`, unchanged: the context hands it physical
/// names that stand for `var.name` (``physicalName(_:)``), `var.tags` as its tags and `var.labels`
/// as its labels, and an environment whose account, region and project stand for module inputs
/// too. ``ModuleExporter`` then turns those stand-ins into Terraform references and replaces the
/// literals of the construct's key inputs by `var.…` at the argument paths its
/// ``ModuleDefinition`` names.
public struct ModuleLowering: Sendable, Equatable {
    /// The variable physical names come from.
    public static let nameVariable = "name"
    /// The variable AWS tags come from.
    public static let tagsVariable = "tags"
    /// The variable Google Cloud labels come from.
    public static let labelsVariable = "labels"

    /// Delimits a stand-in inside a literal string; a private-use character no input contains.
    static let marker: Character = "\u{E000}"

    /// A stand-in for a module input (or a value the module looks up), inside literal strings:
    /// it survives the string operations constructs apply to names (`-` → `_`, suffixes).
    static func token(_ key: String) -> String { "\(marker)\(key)\(marker)" }

    /// The construct name the module lowers (`this`, so blocks are `aws_s3_bucket.this`).
    public var construct: String

    /// A physical name: the construct's name stands for `var.name` (`bq-this` → `bq-${var.name}`).
    public func physicalName(_ name: String) -> String {
        name.replacingOccurrences(of: construct, with: Self.token(Self.nameVariable))
    }
}

/// One input variable of an exported module, and where it replaces the lowering's literal.
public struct ModuleInput: Sendable {
    /// Where an input goes: the argument at `path` of the block at `address` (`rule[0].expiration[0].days`),
    /// or the block's `count` when `path` is nil.
    public struct Target: Sendable {
        public var address: ResourceAddress
        public var path: String?
        /// The value written there; `var.NAME` when nil.
        public var value: Value?

        /// Replaces the argument at `path` of the block at `address` with `var.NAME` (or `value`).
        static func at(_ address: ResourceAddress, _ path: String, _ value: Value? = nil) -> Target {
            Target(address: address, path: path, value: value)
        }

        /// Sets the `count` of the block at `address`.
        static func count(_ address: ResourceAddress, _ value: Value) -> Target {
            Target(address: address, path: nil, value: value)
        }
    }

    public var name: String
    public var type: String
    public var description: String
    /// Nil when the input is required.
    public var defaultValue: Value?
    public var validations: [Variable.Validation]
    public var targets: [Target]

    init(
        _ name: String, _ type: String, _ description: String, default defaultValue: Value? = nil,
        validations: [(condition: String, message: String)] = [], targets: [Target] = []
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
        self.validations = validations.map { Variable.Validation(condition: .raw($0.condition), errorMessage: $0.message) }
        self.targets = targets
    }
}

/// One output of an exported module.
public struct ModuleOutput: Sendable {
    public var name: String
    public var description: String
    public var value: Value

    init(_ name: String, _ description: String, _ value: Value) {
        self.name = name
        self.description = description
        self.value = value
    }
}

/// A construct exported as a Terraform module: the construct (named `this`), the inputs that stand
/// for its key arguments, its outputs, and what its README says.
public struct ModuleDefinition: Sendable {
    /// The folder under `modules/`: `s3-bucket`.
    public var directory: String
    public var title: String
    /// One line for the index of `modules/`.
    public var tagline: String
    /// What the module writes, for its README.
    public var summary: String
    /// The DSL construct it is the lowering of, for its README.
    public var construct: String
    /// The construct, named `this`, with representative values where inputs replace literals.
    var lowered: any Construct
    /// Constructs the lowering looks up but that are not part of the module (a ``LogBucket``).
    var context: [any Construct] = []
    /// The provider the module uses (`aws`, `google`, `snowflake`).
    public var provider: String
    public var inputs: [ModuleInput]
    public var outputs: [ModuleOutput]
    /// The module block of the README's usage example, between its braces (HCL).
    public var example: String
    /// The access intents whose IAM statements the module writes as policy documents
    /// (`data.aws_iam_policy_document.read`), for consumers to attach to their own roles.
    public var accessPolicies: [AccessIntent] = []
    /// Policy findings on the module, explained (`paved check modules/<name>`).
    public var policyNotes: [String] = []
}

/// A problem exporting a module (a definition that does not match its construct's lowering).
public struct ModuleExportError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The files of every exported module, relative to the `modules/` folder.
public struct ModuleExport: Sendable {
    public var files: [(path: String, bytes: [UInt8])]
    /// Each module's Terraform files, by module folder, for schema validation.
    public var modules: [(directory: String, files: [(path: String, bytes: [UInt8])])]
}

/// Writes `modules/<construct>/` for the catalog's constructs: each module is the construct's own
/// lowering in a module context (see ``ModuleLowering``), with `main.tf.json`, `variables.tf.json`,
/// `outputs.tf.json` and a `README.md` with its inputs and outputs.
///
/// A pure function of the catalog: the same bytes on every run.
public struct ModuleExporter: Sendable {
    /// The minimum Terraform version of exported modules: variable validations that refer to other
    /// variables need 1.9.
    public static let terraformVersion = ">= 1.9.0"

    public var catalog: [ModuleDefinition]

    public init() { self.catalog = ModuleCatalog.all }

    init(catalog: [ModuleDefinition]) { self.catalog = catalog }

    /// Every module's files, and the index `README.md`.
    public func export() throws(ModuleExportError) -> ModuleExport {
        var files: [(path: String, bytes: [UInt8])] = []
        var modules: [(directory: String, files: [(path: String, bytes: [UInt8])])] = []
        for definition in catalog.sorted(by: { $0.directory < $1.directory }) {
            let configuration = try configuration(of: definition)
            let renderer = TerraformRenderer()
            var main = configuration
            main.variables = []
            main.outputs = []
            let variables = Configuration(variables: configuration.variables)
            let outputs = Configuration(outputs: configuration.outputs)
            let terraform: [(path: String, bytes: [UInt8])] = [
                ("\(definition.directory)/main.tf.json", renderer.renderBytes(main)),
                ("\(definition.directory)/outputs.tf.json", renderer.renderBytes(outputs)),
                ("\(definition.directory)/variables.tf.json", renderer.renderBytes(variables)),
            ]
            modules.append((definition.directory, terraform))
            files += terraform
            files.append(("\(definition.directory)/README.md", Array(ModuleReadme.module(definition, configuration: configuration).utf8)))
        }
        files.insert(("README.md", Array(ModuleReadme.index(catalog.sorted { $0.directory < $1.directory }).utf8)), at: 0)
        return ModuleExport(files: files, modules: modules)
    }

    /// The module's whole configuration: the construct lowered in a module context, its stand-ins
    /// resolved, its inputs substituted, with variables and outputs.
    public func configuration(of definition: ModuleDefinition) throws(ModuleExportError) -> Configuration {
        let construct = definition.lowered
        let t = ModuleLowering.token
        let environment = Environment(
            EnvironmentName("module"), aws: .account(t("account_id"), region: t("region")), gcp: .project(t("project"), region: t("region")))
        let platform = Platform("module", owner: "module") {
            environment
            for c in [construct] + definition.context { c }
        }
        var byName: [String: any Construct] = [:]
        for c in platform.constructs { byName[c.name] = c }
        var context = SynthesisContext(platform: platform, environment: environment, constructs: byName)
        context.module = ModuleLowering(construct: construct.name)

        let problems = construct.validate().filter { $0.severity == .error }
        construct.lower(into: &context)
        if let target = construct.accessTarget {
            for intent in definition.accessPolicies {
                context.addPolicyDocument(
                    Self.policyName(intent), target.iamStatements(for: intent, context: context), for: construct, part: "access")
            }
        }
        let errors = problems + context.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw ModuleExportError(description: "module \(definition.directory): the construct does not lower: "
                + errors.map(\.description).joined(separator: "; "))
        }

        var resources = context.resources
        var lookups: [String: Resource] = [:]
        for i in resources.indices {
            resources[i].provenance = nil  // the module is not a platform: no construct path or Swift line
            for (key, value) in resources[i].arguments {
                resources[i].arguments[key] = try Self.resolve(value, in: definition, lookups: &lookups)
            }
        }
        for input in definition.inputs {
            for target in input.targets {
                guard let index = resources.firstIndex(where: { $0.address == target.address }) else {
                    throw ModuleExportError(description: "module \(definition.directory): input \(input.name) targets \(target.address), which the lowering does not write")
                }
                let value = target.value ?? .variable(input.name)
                guard let path = target.path else {
                    resources[index].count = value
                    continue
                }
                let steps = Self.steps(path)
                guard let replaced = Self.replacing(Value.object(resources[index].arguments), at: steps[...], with: value),
                      case .object(let arguments) = replaced
                else {
                    throw ModuleExportError(description: "module \(definition.directory): input \(input.name) targets \(target.address).\(path), which the lowering does not write")
                }
                resources[index].arguments = arguments
            }
        }
        resources += lookups.keys.sorted().compactMap { lookups[$0] }

        var requirements: [String: ProviderRequirement] = [:]
        for name in Set(resources.map(\.address.providerName)) {
            if let requirement = ProviderVersions.requirement(for: name) { requirements[name] = requirement }
        }
        return Configuration(
            terraform: TerraformSettings(requiredVersion: Self.terraformVersion, requiredProviders: requirements),
            resources: AddressOrder.sorted(resources),
            variables: definition.inputs.map {
                Variable($0.name, type: $0.type, default: $0.defaultValue, description: $0.description, validations: $0.validations)
            },
            outputs: definition.outputs.map { Output($0.name, value: $0.value, description: $0.description) })
    }

    /// The local name of the policy document of `intent`: `read`, `read_secret`.
    static func policyName(_ intent: AccessIntent) -> String {
        intent == .readSecret ? "read_secret" : intent.rawValue
    }

    // MARK: - Stand-ins

    /// `value` with every stand-in inside literal strings turned into the reference it stands for.
    static func resolve(
        _ value: Value, in definition: ModuleDefinition, lookups: inout [String: Resource]
    ) throws(ModuleExportError) -> Value {
        switch value {
        case .string(let s) where s.contains(ModuleLowering.marker):
            let parts = try templateParts(s, in: definition, lookups: &lookups)
            if parts.count == 1, case .expression(let e) = parts[0] { return .expression(e) }
            return .template(parts)
        case .string, .int, .double, .bool, .null:
            return value
        case .list(let items):
            var out: [Value] = []
            for item in items { out.append(try resolve(item, in: definition, lookups: &lookups)) }
            return .list(out)
        case .object(let members):
            var out: Members = [:]
            for (key, member) in members { out[key] = try resolve(member, in: definition, lookups: &lookups) }
            return .object(out)
        case .expression(.call(let name, let arguments)):
            var out: [Value] = []
            for argument in arguments { out.append(try resolve(argument, in: definition, lookups: &lookups)) }
            return .expression(.call(name, out))
        case .expression:
            return value
        case .template(let parts):
            var out: [TemplatePart] = []
            for part in parts {
                if case .literal(let text) = part, text.contains(ModuleLowering.marker) {
                    out += try templateParts(text, in: definition, lookups: &lookups)
                } else {
                    out.append(part)
                }
            }
            return .template(out)
        }
    }

    /// Literal text and stand-ins as template parts: `bq-⟨name⟩` → `bq-` and `${var.name}`.
    static func templateParts(
        _ text: String, in definition: ModuleDefinition, lookups: inout [String: Resource]
    ) throws(ModuleExportError) -> [TemplatePart] {
        var out: [TemplatePart] = []
        for (i, piece) in text.split(separator: ModuleLowering.marker, omittingEmptySubsequences: false).enumerated() {
            if i % 2 == 0 {
                if !piece.isEmpty { out.append(.literal(String(piece))) }
            } else {
                out.append(.expression(try standIn(String(piece), in: definition, lookups: &lookups)))
            }
        }
        return out
    }

    /// What a stand-in means: an input (`var.name`, `var.project`), or a value the module looks up
    /// (the AWS region and account it is applied in).
    static func standIn(
        _ key: String, in definition: ModuleDefinition, lookups: inout [String: Resource]
    ) throws(ModuleExportError) -> Expression {
        switch key {
        case "region" where definition.provider == "aws":
            let region = DataAWSRegion.Ref("current")
            lookups["region"] = Resource(region.terraformAddress, arguments: [:])
            return .reference(Reference(region.terraformAddress, path: ["region"]))
        case "account_id" where definition.provider == "aws":
            let caller = DataAWSCallerIdentity.Ref("current")
            lookups["account_id"] = Resource(caller.terraformAddress, arguments: [:])
            return .reference(Reference(caller.terraformAddress, path: ["account_id"]))
        default:
            guard definition.inputs.contains(where: { $0.name == key }) else {
                throw ModuleExportError(description: "module \(definition.directory): the lowering uses '\(key)', which is not an input of the module")
            }
            return .variable(key)
        }
    }

    // MARK: - Paths

    /// `rule[0].expiration[0].days` → attribute and index steps.
    static func steps(_ path: String) -> [Reference.Step] {
        var out: [Reference.Step] = []
        for component in path.split(separator: ".") {
            var rest = Substring(component)
            if let bracket = rest.firstIndex(of: "[") {
                out.append(.attribute(String(rest[..<bracket])))
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    out.append(.index(Int(rest[rest.index(after: rest.startIndex)..<close]) ?? -1))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                out.append(.attribute(String(rest)))
            }
        }
        return out
    }

    /// `value` with the member at `steps` replaced by `replacement`, or nil when there is none.
    static func replacing(_ value: Value, at steps: ArraySlice<Reference.Step>, with replacement: Value) -> Value? {
        guard let step = steps.first else { return replacement }
        switch (step, value) {
        case (.attribute(let key), .object(var members)):
            guard let member = members[key], let new = replacing(member, at: steps.dropFirst(), with: replacement) else { return nil }
            members[key] = new
            return .object(members)
        case (.index(let i), .list(var items)):
            guard items.indices.contains(i), let new = replacing(items[i], at: steps.dropFirst(), with: replacement) else { return nil }
            items[i] = new
            return .list(items)
        default:
            return nil
        }
    }
}
