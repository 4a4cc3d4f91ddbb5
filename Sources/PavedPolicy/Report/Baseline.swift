import PavedTerraform

/// Today's findings, recorded so that a later check reports only new ones
/// (`paved check --write-baseline FILE`, then `paved check --baseline FILE`).
///
/// A finding is identified by its rule, resource address, environment (or file) and message, not by
/// line, so edits elsewhere in a file do not make old findings new. The file is JSON, sorted, with
/// no timestamps, so it diffs cleanly in review.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var rule: String
        public var address: String
        public var environment: String?
        public var fingerprint: String
    }

    public var entries: [Entry]

    /// The fingerprints of the entries.
    public var fingerprints: Set<String> { Set(entries.map(\.fingerprint)) }

    /// A baseline of `findings`.
    public init(findings: [Finding]) {
        var seen: Set<String> = []
        entries = findings.compactMap { f in
            guard seen.insert(f.fingerprint).inserted else { return nil }
            return Entry(rule: f.ruleID, address: f.address, environment: f.environment, fingerprint: f.fingerprint)
        }.sorted { ($0.rule, $0.address, $0.environment ?? "", $0.fingerprint) < ($1.rule, $1.address, $1.environment ?? "", $1.fingerprint) }
    }

    init(entries: [Entry]) { self.entries = entries }

    /// The baseline file's text.
    public func render() -> String {
        let list: [JSON] = entries.map { e in
            var o: [String: JSON] = ["rule": .string(e.rule), "address": .string(e.address), "fingerprint": .string(e.fingerprint)]
            if let env = e.environment { o["environment"] = .string(env) }
            return .object(o)
        }
        return JSONWriter().render(.object(["version": .int(1), "tool": .string("paved"), "findings": .array(list)]))
    }

    /// Reads a baseline file's text.
    ///
    /// - Throws: ``DiagnosticsError`` with the file and line of what is wrong.
    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> Baseline {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: text, file: file)
        } catch {
            throw DiagnosticsError([error.diagnostic])
        }
        func fail(_ message: String, _ pointer: String) -> DiagnosticsError {
            DiagnosticsError([.error(message, at: document.nearestLocation(at: pointer), jsonPointer: pointer)])
        }
        guard document.root["version"] == .int(1) else {
            throw fail("not a Paved baseline: expected \"version\": 1 (write one with --write-baseline)", "/version")
        }
        guard let list = document.root["findings"]?.arrayValue else {
            throw fail("a baseline has a \"findings\" array", "/findings")
        }
        var entries: [Entry] = []
        for (i, item) in list.enumerated() {
            guard let rule = item["rule"]?.stringValue, let address = item["address"]?.stringValue,
                  let fingerprint = item["fingerprint"]?.stringValue
            else {
                throw fail("each baseline entry has rule, address and fingerprint strings", "/findings/\(i)")
            }
            entries.append(Entry(rule: rule, address: address, environment: item["environment"]?.stringValue, fingerprint: fingerprint))
        }
        return Baseline(entries: entries)
    }
}
