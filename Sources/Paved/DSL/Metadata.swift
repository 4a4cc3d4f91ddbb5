@_exported import PavedTerraform

/// How critical a data product is: tier 1 is business-critical.
public enum Tier: Int, Sendable, Equatable, Comparable, CaseIterable {
    case tier1 = 1, tier2 = 2, tier3 = 3

    /// The tag value: `tier1`, `tier2`, `tier3`.
    public var tagValue: String { "tier\(rawValue)" }

    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

/// How sensitive the data is, from least to most.
public enum Classification: String, Sendable, Equatable, Comparable, CaseIterable {
    case `public`, `internal`, confidential, restricted

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: Classification, b: Classification) -> Bool { a.rank < b.rank }
}

/// Who owns a resource and how it is governed. Set on the platform and overridden per construct;
/// it becomes tags (AWS) or labels (GCP) on every taggable resource.
public struct Metadata: Sendable, Equatable {
    public var owner: String?
    public var team: String?
    public var tier: Tier?
    public var classification: Classification?
    public var costCenter: String?

    public init(owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil, costCenter: String? = nil) {
        self.owner = owner
        self.team = team
        self.tier = tier
        self.classification = classification
        self.costCenter = costCenter
    }

    /// This metadata with every unset field taken from `parent`.
    public func inheriting(from parent: Metadata) -> Metadata {
        Metadata(
            owner: owner ?? parent.owner, team: team ?? parent.team, tier: tier ?? parent.tier,
            classification: classification ?? parent.classification, costCenter: costCenter ?? parent.costCenter)
    }

    /// The tag keys Paved writes, in one place so policies and docs agree.
    public enum TagKey {
        public static let owner = "owner"
        public static let team = "team"
        public static let tier = "tier"
        public static let classification = "data_classification"
        public static let costCenter = "cost_center"
        public static let environment = "environment"
        public static let platform = "platform"
        public static let managedBy = "managed_by"
    }

    /// The tags for a resource in `environment` of `platform`.
    public func tags(platform: String, environment: String) -> Members {
        // Added in key order, so Members adopts them without sorting.
        var tags: [(String, Value)] = []
        tags.reserveCapacity(8)
        if let costCenter { tags.append((TagKey.costCenter, .string(costCenter))) }
        if let classification { tags.append((TagKey.classification, .string(classification.rawValue))) }
        tags.append((TagKey.environment, .string(environment)))
        tags.append((TagKey.managedBy, "paved"))
        if let owner { tags.append((TagKey.owner, .string(owner))) }
        tags.append((TagKey.platform, .string(platform)))
        if let team { tags.append((TagKey.team, .string(team))) }
        if let tier { tags.append((TagKey.tier, .string(tier.tagValue))) }
        return Members(tags)
    }
}

/// A span of time in whole seconds: `.days(30)`, `.minutes(5)`.
public struct Interval: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    public static func seconds(_ n: Int) -> Interval { Interval(seconds: n) }
    public static func minutes(_ n: Int) -> Interval { Interval(seconds: n * 60) }
    public static func hours(_ n: Int) -> Interval { Interval(seconds: n * 3600) }
    public static func days(_ n: Int) -> Interval { Interval(seconds: n * 86_400) }

    /// Whole days, rounded down.
    public var days: Int { seconds / 86_400 }

    public var description: String {
        if seconds % 86_400 == 0 { return "\(days) days" }
        if seconds % 3600 == 0 { return "\(seconds / 3600) hours" }
        if seconds % 60 == 0 { return "\(seconds / 60) minutes" }
        return "\(seconds) seconds"
    }

    public static func < (a: Interval, b: Interval) -> Bool { a.seconds < b.seconds }
}
