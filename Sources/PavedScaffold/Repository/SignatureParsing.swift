import Foundation

/// Parses `Name <email>`.
public enum AuthorParser {
    /// `("Ada Lovelace", "ada@example.com")` for `Ada Lovelace <ada@example.com>`; `nil` otherwise.
    public static func parse(_ text: String) -> (String, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return nil }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        guard !name.isEmpty, !email.isEmpty, !email.contains("<"), !email.contains(">"), !name.contains("<"),
            !name.contains(">"), email.contains("@")
        else { return nil }
        return (name, email)
    }
}

/// Parses ISO 8601 dates into seconds since the epoch plus the written UTC offset.
public enum ISODate {
    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` and either with `Z` or `±HH:MM` (no offset
    /// means UTC).
    public static func parse(_ text: String) -> (seconds: Int64, offsetMinutes: Int32)? {
        let pattern = #/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/#
        guard let m = try? pattern.wholeMatch(in: text) else { return nil }
        guard let year = Int(m.1), let month = Int(m.2), let day = Int(m.3) else { return nil }
        let hour = m.4.flatMap { Int($0) } ?? 0
        let minute = m.5.flatMap { Int($0) } ?? 0
        let second = m.6.flatMap { Int($0) } ?? 0
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var offset = 0
        if let zone = m.7, zone != "Z" {
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, let h = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)), h < 24, mm < 60 else {
                return nil
            }
            offset = (h * 60 + mm) * (zone.first == "-" ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard calendar.date(from: components) != nil, let date = calendar.date(from: components) else { return nil }
        // Reject dates that do not exist (Feb 30 rolls over in Calendar).
        guard calendar.component(.day, from: date) == day else { return nil }
        let seconds = Int64(date.timeIntervalSince1970) - Int64(offset * 60)
        return (seconds, Int32(offset))
    }
}
