import Testing
@testable import PavedTerraform

@Suite struct JSONParserTests {
    let parser = JSONParser()

    func parseError(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
        do {
            _ = try JSONParser(maxDepth: maxDepth).parseDocument(text, file: "t.json")
            return nil
        } catch {
            return error
        }
    }

    // MARK: Values

    @Test func scalars() throws {
        #expect(try parser.parse("null") == .null)
        #expect(try parser.parse(" true ") == .bool(true))
        #expect(try parser.parse("false") == .bool(false))
        #expect(try parser.parse("\"hi\"") == .string("hi"))
        #expect(try parser.parse("[]") == .array([]))
        #expect(try parser.parse("{}") == .object([:]))
    }

    @Test func numbersKeepIntegersApartFromDoubles() throws {
        #expect(try parser.parse("0") == .int(0))
        #expect(try parser.parse("-0") == .int(0))
        #expect(try parser.parse("42") == .int(42))
        #expect(try parser.parse("-17") == .int(-17))
        #expect(try parser.parse("9223372036854775807") == .int(Int.max))
        #expect(try parser.parse("-9223372036854775808") == .int(Int.min))
        #expect(try parser.parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try parser.parse("1.0") == .double(1))
        #expect(try parser.parse("1.5") == .double(1.5))
        #expect(try parser.parse("-2.25e2") == .double(-225))
        #expect(try parser.parse("1E3") == .double(1000))
        #expect(try parser.parse("5e-1") == .double(0.5))
        #expect(try parser.parse("[1,2.5]") == .array([.int(1), .double(2.5)]))
    }

    @Test func escapes() throws {
        #expect(try parser.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try parser.parse(#""\u0041\u00e9\u20AC""#) == .string("Aé€"))
        #expect(try parser.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parser.parse(#""x$${y}""#) == .string("x$${y}"))
    }

    @Test func surrogatePairs() throws {
        #expect(try parser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parser.parse(#""a\uD834\uDD1Eb""#) == .string("a𝄞b"))
        #expect(try parser.parse("\"raw 😀 é\"") == .string("raw 😀 é"))
    }

    @Test func nestedStructure() throws {
        let value = try parser.parse(#"{"a": [1, {"b": null}], "c": {"d": "e"}}"#)
        #expect(value == .object([
            "a": .array([.int(1), .object(["b": .null])]),
            "c": .object(["d": .string("e")]),
        ]))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8)
        let doc = try parser.parseDocument(bytes, file: "bom.json")
        #expect(doc.root == .object(["a": .int(1)]))
        #expect(doc.position(at: "/a") == JSONPosition(line: 1, column: 2, offset: 4))
    }

    // MARK: Positions

    @Test func positionsOfEveryValue() throws {
        let text = """
            {
              "resource": {
                "aws_s3_bucket": {
                  "raw": {
                    "bucket": "acme-raw",
                    "tags": {"a/b": "x", "c~d": 1}
                  }
                }
              },
              "list": [
                true,
                [null, 2]
              ]
            }
            """
        let doc = try parser.parseDocument(text, file: "main.tf.json")
        #expect(doc.position(at: "") == JSONPosition(line: 1, column: 1, offset: 0))
        #expect(doc.position(at: "/resource")?.description == "2:3")
        #expect(doc.position(at: "/resource/aws_s3_bucket/raw")?.description == "4:7")
        #expect(doc.position(at: "/resource/aws_s3_bucket/raw/bucket")?.description == "5:9")
        #expect(doc.position(at: "/resource/aws_s3_bucket/raw/tags/a~1b")?.description == "6:18")
        #expect(doc.position(at: "/resource/aws_s3_bucket/raw/tags/c~0d")?.description == "6:30")
        #expect(doc.position(at: "/list/0")?.description == "11:5")
        #expect(doc.position(at: "/list/1/1")?.description == "12:12")
        #expect(doc.line(at: "/list/1") == 12)
        #expect(doc.location(at: "/list")?.description == "main.tf.json:10:3")
        #expect(doc.position(at: "/nope") == nil)
        #expect(doc.position(at: "/list/2") == nil)
        #expect(doc.position(at: "/list/01") == nil)
        #expect(doc.position(at: "resource") == nil)
        #expect(doc.value(at: "/resource/aws_s3_bucket/raw/bucket") == .string("acme-raw"))
        #expect(doc.nearestLocation(at: "/resource/aws_s3_bucket/raw/versioning/0").description == "main.tf.json:4:7")
        #expect(doc.valueCount == 13)
    }

    @Test func columnsCountScalarsNotBytes() throws {
        let doc = try parser.parseDocument(#"{"é😀": "ü", "k": 1}"#, file: "u.json")
        #expect(doc.position(at: "/k")?.column == 13)
        #expect(doc.position(at: "/k")?.offset == 17)
    }

    @Test func largeContainersUseLookupTables() throws {
        let members = (0..<200).map { "\"k\($0)\": [\((0..<50).map(String.init).joined(separator: ","))]" }
        let text = "{\n" + members.joined(separator: ",\n") + "\n}"
        let doc = try parser.parseDocument(text, file: "big.json")
        #expect(doc.position(at: "/k0")?.line == 2)
        #expect(doc.position(at: "/k199")?.line == 201)
        #expect(doc.position(at: "/k150/49")?.line == 152)
        #expect(doc.position(at: "/k150/50") == nil)
        #expect(doc.position(at: "/k200") == nil)
    }

    @Test func crlfLineEndings() throws {
        let doc = try parser.parseDocument("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}\r\n", file: "crlf.json")
        #expect(doc.position(at: "/b")?.description == "3:3")
    }

    // MARK: Errors

    @Test(arguments: [
        ("", "1:1: error: empty input, expected a JSON value"),
        ("   \n ", "2:2: error: empty input, expected a JSON value"),
        ("{\"a\": 1,}", "1:9: error: trailing comma before '}' in object"),
        ("[1,]", "1:4: error: trailing comma before ']' in array"),
        ("{\"a\" 1}", "1:6: error: expected ':' after object key \"a\", found '1'"),
        ("{a: 1}", "1:2: error: expected a string key in object, found 'a'"),
        ("{\"a\": 1 \"b\": 2}", "1:9: error: expected ',' or '}' after an object member, found '\"'"),
        ("[1 2]", "1:4: error: expected ',' or ']' after an array element, found '2'"),
        ("{\n  \"a\": [1,\n", "2:8: error: unclosed array: end of input before its closing ']'"),
        ("{\n  \"a\": 1", "1:1: error: unclosed object: end of input before its closing '}'"),
        ("\"abc", "1:1: error: unclosed string: end of input before its closing quote"),
        ("[\"a\nb\"]", "1:4: error: a line break in a string must be escaped"),
        ("\"\u{1}\"", "1:2: error: control character U+0001 in a string must be escaped"),
        (#""\q""#, #"1:2: error: invalid escape sequence '\q' in string"#),
        (#""\u12G4""#, #"1:2: error: invalid escape sequence: '\u' must be followed by four hex digits"#),
        (#""\ud83d""#, #"1:2: error: unpaired UTF-16 surrogate '\uD83D' in string"#),
        (#""\ud83dx""#, #"1:2: error: unpaired UTF-16 surrogate '\uD83D' in string"#),
        (#""\ud83d\u0041""#, #"1:2: error: unpaired UTF-16 surrogate '\uD83D' in string"#),
        (#""\ude00""#, #"1:2: error: unpaired UTF-16 surrogate '\uDE00' in string"#),
        ("01", "1:1: error: invalid number: leading zeros are not allowed"),
        ("-", "1:1: error: invalid number: '-' must be followed by a digit"),
        ("1.", "1:3: error: invalid number: expected a digit after '.'"),
        ("1e+", "1:4: error: invalid number: expected a digit in the exponent"),
        ("12abc", "1:3: error: invalid number: unexpected 'a'"),
        ("1e999", "1:1: error: number 1e999 is out of range"),
        ("+1", "1:1: error: expected a value, found '+'"),
        ("tru", "1:1: error: invalid literal, expected 'true'"),
        ("nullx", "1:1: error: invalid literal, expected 'null'"),
        ("[1] [2]", "1:5: error: unexpected '[' after the top-level value"),
        ("{\"a\": 1, \"a\": 2}", "1:10: error: duplicate key \"a\" in object"),
        ("[1, // c\n2]", "1:5: error: expected a value, found '/'"),
        ("{\"é\": x}", "1:7: error: expected a value, found 'x'"),
    ])
    func malformedInput(text: String, expected: String) {
        let error = parseError(text)
        #expect(error?.description == "t.json:" + expected)
    }

    @Test func invalidUTF8IsAnError() {
        let bytes: [UInt8] = Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        #expect(throws: JSONParseError(file: "t.json", line: 1, column: 5, message: "invalid UTF-8 in string")) {
            try parser.parseDocument(bytes, file: "t.json")
        }
        // An encoded surrogate and an overlong form are invalid too.
        for bad: [UInt8] in [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF]] {
            #expect(throws: JSONParseError.self) { try parser.parse([0x22] + bad + [0x22]) }
        }
    }

    @Test func errorDiagnosticCarriesLocation() {
        let error = parseError("{\n  \"a\": ]\n}")
        #expect(error?.diagnostic.description == "t.json:2:8: error: expected a value, found ']'")
        #expect(error?.location == SourceLocation(file: "t.json", line: 2, column: 8))
    }

    // MARK: Depth

    @Test func depthIsCapped() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(parseError(deep)?.description == "t.json:1:513: error: nesting is deeper than 512 levels")
        let objects = String(repeating: "{\"a\":", count: 20) + "1" + String(repeating: "}", count: 20)
        #expect(parseError(objects, maxDepth: 10)?.message == "nesting is deeper than 10 levels")
    }

    @Test func depthAtTheCapIsFine() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let doc = try parser.parseDocument(text, file: "t.json")
        #expect(doc.valueCount == 512)
    }

    // MARK: Round trip

    @Test func roundTripsThroughTheWriter() throws {
        let value = JSON.object([
            "s": .string("line\nbreak \"quoted\" \\ tab\t ctrl\u{1} é 😀"),
            "n": .array([.int(-3), .double(2.5), .null, .bool(true)]),
            "o": .object(["a/b": .object([:]), "": .array([])]),
        ])
        let text = JSONWriter().render(value)
        #expect(try parser.parse(text) == value)
    }
}
