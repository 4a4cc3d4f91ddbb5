import PavedTerraform

/// Where a finding points: the user's Swift `file:line` for DSL resources, or a JSON file with the
/// RFC 6901 pointer and line of the offending value.
public struct FindingLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as users read it: `AcmeData/Platform.swift`, `out/dev/main.tf.json`.
    public var file: String
    public var line: Int
    public var column: Int?
    /// For JSON files: the pointer of the offending value (or of the resource block).
    public var jsonPointer: String?
    /// A path relative to the repository root, when known (SARIF and GitHub annotations need it).
    public var path: String?

    public init(file: String, line: Int, column: Int? = nil, jsonPointer: String? = nil, path: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.jsonPointer = jsonPointer
        self.path = path
    }

    /// `file:line` (the form editors jump to). The column is left out: it adds nothing for a block.
    public var description: String { "\(path ?? file):\(line)" }

    /// True for Swift source locations.
    public var isSwift: Bool { file.hasSuffix(".swift") }
}

/// One rule violated by one resource.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var severity: Severity
    public var enforcement: Enforcement
    /// The resource address, such as `aws_s3_bucket.raw_events` or `module.lake.aws_s3_bucket.raw[0]`.
    public var address: String
    /// What is wrong, in one sentence. Never contains attribute values that could be secrets.
    public var message: String
    public var remediation: String
    /// Where to look: the Swift line for DSL resources, else the JSON file, pointer and line.
    public var location: FindingLocation
    /// The JSON location too, when the primary location is a Swift line and the JSON is a file on disk.
    public var jsonLocation: FindingLocation?
    /// The DSL construct path (`acme-data/raw-events`), when known.
    public var constructPath: String?
    /// The environment (`dev`, `prod`), when known.
    public var environment: String?

    public init(
        ruleID: String, severity: Severity, enforcement: Enforcement, address: String, message: String,
        remediation: String, location: FindingLocation, jsonLocation: FindingLocation? = nil,
        constructPath: String? = nil, environment: String? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.enforcement = enforcement
        self.address = address
        self.message = message
        self.remediation = remediation
        self.location = location
        self.jsonLocation = jsonLocation
        self.constructPath = constructPath
        self.environment = environment
    }

    /// What identifies a finding across runs, for baselines and SARIF fingerprints: the rule, the
    /// resource and its environment (or its file), never a line number (lines move).
    public var identity: String {
        let scope = environment.map { "env:\($0)" } ?? "file:\(jsonLocation?.file ?? location.file)"
        return "\(ruleID)|\(address)|\(scope)|\(message)"
    }

    /// A stable 64-bit hash of ``identity``, as 16 hex digits.
    public var fingerprint: String { StableHash.hex(identity) }

    /// Sort order of reports: most severe first, then rule, environment, address, message.
    static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if (a.environment ?? "") != (b.environment ?? "") { return (a.environment ?? "") < (b.environment ?? "") }
        if a.address != b.address { return a.address < b.address }
        if a.location.file != b.location.file { return a.location.file < b.location.file }
        if a.location.line != b.location.line { return a.location.line < b.location.line }
        return a.message < b.message
    }
}

/// FNV-1a, 64 bit: a stable hash (Swift's `Hasher` is seeded per process).
enum StableHash {
    static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hex(_ text: String) -> String {
        let digits = String(value(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
