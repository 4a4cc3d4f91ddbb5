import Testing
@testable import PavedTerraform

@Suite struct TemplateScannerTests {
    func kind(_ s: String) -> TemplateScanner.Kind { TemplateScanner.analyze(s).kind }

    func expressions(_ s: String) -> [String] {
        TemplateScanner.analyze(s).expressions.map { String(decoding: $0, as: UTF8.self) }
    }

    func traversals(_ expression: String) -> [String] {
        TemplateScanner.traversals(in: ArraySlice(Array(expression.utf8))).map { t in
            ([t.root] + t.steps.map { step -> String in
                switch step {
                case .attribute(let name): return name
                case .index: return "[]"
                case .splat: return "*"
                }
            }).joined(separator: ".")
        }
    }

    @Test func kinds() {
        #expect(kind("plain") == .literal)
        #expect(kind("costs $5 or 50%") == .literal)
        #expect(kind("${aws_s3_bucket.raw.arn}") == .wholeExpression)
        #expect(kind("${~ var.x ~}") == .wholeExpression)
        #expect(kind("arn:${aws_s3_bucket.raw.arn}/*") == .template)
        #expect(kind("${a}${b}") == .template)
        #expect(kind("%{ if var.on }yes%{ endif }") == .template)
        #expect(kind("$${not.an.expression}") == .literal)
        #expect(kind("%%{ not a directive }") == .literal)
        #expect(kind("$${x} ${var.y}") == .template)
        #expect(kind("${unclosed") == .literal)
    }

    @Test func expressionText() {
        #expect(expressions("${~ var.x ~}") == [" var.x "])
        #expect(expressions("a ${jsonencode({a = 1, b = {c = 2}})} b") == ["jsonencode({a = 1, b = {c = 2}})"])
        #expect(expressions(#"${replace("}", "a", "b")}"#) == [#"replace("}", "a", "b")"#])
        #expect(expressions("$${skip} ${keep}") == ["keep"])
    }

    @Test func findsTraversals() {
        #expect(traversals("aws_s3_bucket.raw.arn") == ["aws_s3_bucket.raw.arn"])
        #expect(traversals("data.aws_region.current.name") == ["data.aws_region.current.name"])
        #expect(traversals("aws_s3_bucket.raw[0].arn") == ["aws_s3_bucket.raw.[].arn"])
        #expect(traversals(#"aws_s3_bucket.raw["k"].id"#) == ["aws_s3_bucket.raw.[].id"])
        #expect(traversals("aws_s3_bucket.raw[*].id") == ["aws_s3_bucket.raw.*.id"])
        #expect(traversals("aws_s3_bucket.raw.*.id") == ["aws_s3_bucket.raw.*.id"])
        #expect(traversals("aws_s3_bucket.raw.0.id") == ["aws_s3_bucket.raw.[].id"])
        #expect(traversals("jsonencode(aws_iam_role.etl.arn)") == ["aws_iam_role.etl.arn"])
        #expect(traversals("[for b in aws_s3_bucket.all : b.arn]") == ["for", "b", "in", "aws_s3_bucket.all", "b.arn"])
        #expect(traversals(#"replace("aws_s3_bucket.x.y", "a", var.b)"#) == ["var.b"])
        #expect(traversals("var.a-1") == ["var.a-1"])
        #expect(traversals("1e5 + x2.y") == ["x2.y"])
        #expect(traversals("provider::aws::arn_parse(x.y)") == ["provider", "aws", "x.y"])
    }

    @Test func bareTraversals() {
        #expect(TemplateScanner.bareTraversal("aws_s3_bucket.raw") == Traversal(root: "aws_s3_bucket", steps: [.attribute("raw")]))
        #expect(TemplateScanner.bareTraversal("${aws_s3_bucket.raw}") == Traversal(root: "aws_s3_bucket", steps: [.attribute("raw")]))
        #expect(TemplateScanner.bareTraversal(" module.network ")?.root == "module")
        #expect(TemplateScanner.bareTraversal("a.b c.d") == nil)
        #expect(TemplateScanner.bareTraversal("") == nil)
    }
}

@Suite struct SuggestionsTests {
    @Test func closestByEditDistance() {
        let types = ["aws_s3_bucket", "aws_s3_bucket_policy", "aws_s3_object", "aws_kms_key"]
        #expect(Suggestions.closest(to: "aws_s3_bukcet", in: types) == "aws_s3_bucket")
        #expect(Suggestions.closest(to: "aws_s3_buckt", in: types) == "aws_s3_bucket")
        #expect(Suggestions.closest(to: "aws_kms_keys", in: types) == "aws_kms_key")
        #expect(Suggestions.closest(to: "google_storage_bucket", in: types) == nil)
        #expect(Suggestions.closest(to: "tga", in: ["tag", "tags"]) == "tag")
        #expect(Suggestions.closest(to: "xyz", in: ["tag"]) == nil)
        #expect(Suggestions.closest(to: "ab", in: ["ba", "ac"]) == "ac")
    }

    @Test func distances() {
        func d(_ a: String, _ b: String) -> Int? { Suggestions.distance(Array(a.utf8), Array(b.utf8), limit: 5) }
        #expect(d("kitten", "sitting") == 3)
        #expect(d("bukcet", "bucket") == 1)
        #expect(d("", "abc") == 3)
        #expect(d("abc", "abc") == 0)
        #expect(Suggestions.distance(Array("abcdef".utf8), Array("uvwxyz".utf8), limit: 2) == nil)
    }
}
