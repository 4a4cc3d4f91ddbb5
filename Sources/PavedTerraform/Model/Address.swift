/// The address of a resource or data source: `aws_s3_bucket.raw_events`, `data.aws_iam_policy_document.etl`.
///
/// One canonical string per address; addresses sort by that string, so output order is stable.
public struct ResourceAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Mode: Sendable, Hashable { case managed, data }

    public var mode: Mode
    public var type: String
    public var name: String

    public init(_ mode: Mode = .managed, type: String, name: String) {
        self.mode = mode
        self.type = type
        self.name = name
    }

    /// A managed resource address.
    public static func resource(_ type: String, _ name: String) -> ResourceAddress {
        ResourceAddress(.managed, type: type, name: name)
    }

    /// A data source address.
    public static func data(_ type: String, _ name: String) -> ResourceAddress {
        ResourceAddress(.data, type: type, name: name)
    }

    /// The provider's local name: the type up to its first underscore (`aws_s3_bucket` → `aws`).
    public var providerName: String {
        if type.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every valid type): the first `_` byte, without grapheme breaking.
            if let i = type.utf8.firstIndex(of: UInt8(ascii: "_")) { return String(type[..<i]) }
            return type
        }
        if let i = type.firstIndex(of: "_") { return String(type[..<i]) }
        return type
    }

    public var description: String {
        mode == .data ? "data.\(type).\(name)" : "\(type).\(name)"
    }

    public static func < (a: ResourceAddress, b: ResourceAddress) -> Bool {
        if a.mode != b.mode { return a.mode == .managed }
        if a.type != b.type { return a.type < b.type }
        return a.name < b.name
    }

    /// A reference to `attribute` (and deeper steps) of this resource: `aws_iam_role.etl.arn`.
    public func attribute(_ name: String, _ more: String...) -> Expression {
        .reference(Reference(self, path: [name] + more))
    }
}

/// A provider configuration reference for the `provider` meta-argument: `aws` or `aws.us_east_1`.
public struct ProviderReference: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var alias: String?

    public init(_ name: String, alias: String? = nil) {
        self.name = name
        self.alias = alias
    }

    public var description: String { alias.map { "\(name).\($0)" } ?? name }
}
