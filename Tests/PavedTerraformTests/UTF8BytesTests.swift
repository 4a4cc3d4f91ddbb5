import Foundation
import Testing
@testable import PavedTerraform

@Suite struct UTF8BytesTests {
    /// The bytes of small (inline) strings, large native ones, substrings made strings, non-ASCII
    /// text and Foundation strings (native on Linux; bridged, and read through the fallback, on
    /// Apple platforms), as `utf8` gives them.
    @Test func bytesAreTheStringsUTF8() {
        let long = String(repeating: "arn:aws:s3:::bucket-", count: 5)
        let strings = ["", "a", "unit_1234_token", "bucket_unit_1234", long, "café ☕️", String(long.dropFirst(3)), NSString(string: "ns-\(long)") as String]
        for s in strings {
            #expect(s.withUTF8Bytes { Array($0) } == Array(s.utf8), "\(s)")
        }
    }

    /// A body that returns nil is called once, and its nil returned.
    @Test func anOptionalResultIsTheBodys() {
        var calls = 0
        let result: Int? = "text that is longer than fifteen bytes".withUTF8Bytes { _ in
            calls += 1
            return nil
        }
        #expect(result == nil)
        #expect(calls == 1)
    }
}
