/// A Terraform type constraint, as written in provider schemas.
///
/// In `terraform providers schema -json` output a type is a JSON value: `"string"`,
/// `["list", "string"]`, `["map", ["object", {"a": "number"}]]`, `["object", {...}, ["optional"]]`,
/// `["tuple", ["string", "bool"]]` or `"dynamic"`. ``description`` prints Terraform's own syntax:
/// `list(string)`, `map(object({a = number}))`.
public indirect enum TerraformType: Sendable, Hashable, CustomStringConvertible {
    case string
    case number
    case bool
    /// Any type (`"dynamic"`): no check is possible.
    case dynamic
    case list(TerraformType)
    case set(TerraformType)
    case map(TerraformType)
    /// An object type; `optional` names the attributes that may be left out.
    case object([String: TerraformType], optional: Set<String> = [])
    case tuple([TerraformType])

    /// Decodes a schema type expression, or returns nil when `json` is not one.
    public init?(json: JSON) {
        switch json {
        case .string("string"): self = .string
        case .string("number"): self = .number
        case .string("bool"): self = .bool
        case .string("dynamic"): self = .dynamic
        case .array(let items):
            guard let kind = items.first?.stringValue else { return nil }
            switch kind {
            case "list", "set", "map":
                guard items.count == 2, let element = TerraformType(json: items[1]) else { return nil }
                switch kind {
                case "list": self = .list(element)
                case "set": self = .set(element)
                default: self = .map(element)
                }
            case "object":
                guard items.count == 2 || items.count == 3, let members = items[1].objectValue else { return nil }
                var attributes: [String: TerraformType] = [:]
                attributes.reserveCapacity(members.count)
                for (name, value) in members {
                    guard let type = TerraformType(json: value) else { return nil }
                    attributes[name] = type
                }
                var optional: Set<String> = []
                if items.count == 3 {
                    guard let names = items[2].arrayValue else { return nil }
                    for name in names {
                        guard let s = name.stringValue else { return nil }
                        optional.insert(s)
                    }
                }
                self = .object(attributes, optional: optional)
            case "tuple":
                guard items.count == 2, let elements = items[1].arrayValue else { return nil }
                var types: [TerraformType] = []
                types.reserveCapacity(elements.count)
                for element in elements {
                    guard let type = TerraformType(json: element) else { return nil }
                    types.append(type)
                }
                self = .tuple(types)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// The type as schema JSON (the inverse of ``init(json:)``).
    public var json: JSON {
        switch self {
        case .string: return .string("string")
        case .number: return .string("number")
        case .bool: return .string("bool")
        case .dynamic: return .string("dynamic")
        case .list(let e): return .array([.string("list"), e.json])
        case .set(let e): return .array([.string("set"), e.json])
        case .map(let e): return .array([.string("map"), e.json])
        case .object(let members, let optional):
            var items: [JSON] = [.string("object"), .object(members.mapValues(\.json))]
            if !optional.isEmpty { items.append(.array(optional.sorted().map(JSON.string))) }
            return .array(items)
        case .tuple(let elements): return .array([.string("tuple"), .array(elements.map(\.json))])
        }
    }

    /// Terraform's syntax for the type: `list(string)`, `object({a = number, b = optional(bool)})`.
    public var description: String {
        switch self {
        case .string: return "string"
        case .number: return "number"
        case .bool: return "bool"
        case .dynamic: return "any"
        case .list(let e): return "list(\(e))"
        case .set(let e): return "set(\(e))"
        case .map(let e): return "map(\(e))"
        case .object(let members, let optional):
            let fields = members.keys.sorted().map { name -> String in
                let type = members[name].map { "\($0)" } ?? "any"
                return optional.contains(name) ? "\(name) = optional(\(type))" : "\(name) = \(type)"
            }
            return "object({\(fields.joined(separator: ", "))})"
        case .tuple(let elements): return "tuple([\(elements.map(\.description).joined(separator: ", "))])"
        }
    }

    /// A short name for messages: `object` rather than the whole object type.
    public var shortDescription: String {
        switch self {
        case .object: return "object"
        case .tuple: return "tuple"
        case .list(let e): return "list(\(e.shortDescription))"
        case .set(let e): return "set(\(e.shortDescription))"
        case .map(let e): return "map(\(e.shortDescription))"
        default: return description
        }
    }
}
