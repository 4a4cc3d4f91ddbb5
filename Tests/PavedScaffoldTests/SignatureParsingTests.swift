import PavedScaffold
import Testing

@Suite("Author and date flags")
struct SignatureParsingTests {
    @Test("Name <email>")
    func author() {
        #expect(AuthorParser.parse("Ada Lovelace <ada@example.com>").map { "\($0.0)|\($0.1)" } == "Ada Lovelace|ada@example.com")
        #expect(AuthorParser.parse("  Ada <a@b.c>  ").map { "\($0.0)|\($0.1)" } == "Ada|a@b.c")
        #expect(AuthorParser.parse("ada@example.com") == nil)
        #expect(AuthorParser.parse("<ada@example.com>") == nil)
        #expect(AuthorParser.parse("Ada <not-an-email>") == nil)
    }

    @Test("ISO 8601 dates with and without offsets", arguments: [
        ("2025-01-31T12:00:00Z", 1_738_324_800, 0),
        ("2025-01-31T14:00:00+02:00", 1_738_324_800, 120),
        ("2025-01-31T07:00-0500", 1_738_324_800, -300),
        ("2025-01-31", 1_738_281_600, 0),
    ])
    func dates(_ text: String, _ seconds: Int64, _ offset: Int32) {
        let parsed = ISODate.parse(text)
        #expect(parsed?.seconds == seconds)
        #expect(parsed?.offsetMinutes == offset)
    }

    @Test("invalid dates are rejected", arguments: ["2025-02-30", "2025-13-01T00:00:00Z", "yesterday", "2025-01-31T25:00:00Z", "2025-01-31T12:00:00+2"])
    func invalid(_ text: String) {
        #expect(ISODate.parse(text) == nil)
    }
}
