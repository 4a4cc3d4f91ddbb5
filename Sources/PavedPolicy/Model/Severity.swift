/// How bad a finding is. No vendor key is needed to know it: every rule declares its own.
///
/// Ordered from least to most severe, so `finding.severity >= .high` reads naturally.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case info, low, medium, high, critical

    var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    public var description: String { rawValue }

    /// The accepted spellings, for messages.
    public static let spellings = allCases.map(\.rawValue).joined(separator: ", ")
}

/// What a finding does to the gate, as in Sentinel.
///
/// - `advisory`: reported, never fails a check.
/// - `soft-mandatory`: fails a check when its severity is at or above `--fail-on`, unless waived.
/// - `hard-mandatory`: fails a check (and `paved synth`) whatever `--fail-on` says, unless waived.
public enum Enforcement: String, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case advisory
    case softMandatory = "soft-mandatory"
    case hardMandatory = "hard-mandatory"

    var rank: Int {
        switch self {
        case .advisory: 0
        case .softMandatory: 1
        case .hardMandatory: 2
        }
    }

    public static func < (a: Enforcement, b: Enforcement) -> Bool { a.rank < b.rank }

    public var description: String { rawValue }

    /// The accepted spellings, for messages.
    public static let spellings = allCases.map(\.rawValue).joined(separator: ", ")
}
