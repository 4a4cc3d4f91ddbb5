import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// `terraform show -json` plans: planned values (root and child modules, count instances) with
/// references from the configuration section.
@Suite struct PlanInputTests {
    func planInput() throws -> PolicyInput {
        var builder = PolicyInputBuilder()
        builder.addPaths([TestPaths.resources.appendingPathComponent("Inputs/plan/plan.json").path])
        let input = builder.build()
        #expect(input.diagnostics.isEmpty)
        return input
    }

    @Test func readsRootAndChildModuleResources() throws {
        let input = try planInput()
        #expect(input.resources.map(\.address) == [
            "aws_s3_bucket.raw[0]", "aws_s3_bucket_public_access_block.raw[0]", "aws_kms_key.raw",
            "module.lake.aws_s3_bucket.curated", "module.lake.aws_s3_bucket.logs", "module.lake.aws_s3_bucket_public_access_block.curated",
        ])
        #expect(input.resources.map(\.configAddress)[0] == "aws_s3_bucket.raw")
        #expect(input.resources.map(\.modulePath)[4] == "module.lake")
    }

    @Test func builtinRulesOverAPlan() throws {
        let rules = try RuleSet.builtin().only(["SEC-S3-001", "SEC-KMS-001", "GOV-META-001"])
        let found = PolicyEngine(rules: rules).findings(in: try planInput())
        let plan = TestPaths.resources.appendingPathComponent("Inputs/plan/plan.json").path
        #expect(found.map { "\($0.ruleID) \($0.address) \($0.location.line) \($0.location.jsonPointer ?? "")" } == [
            "GOV-META-001 aws_kms_key.raw 50 /planned_values/root_module/resources/2/values/tags",
            "GOV-META-001 module.lake.aws_s3_bucket.curated 66 /planned_values/root_module/child_modules/0/resources/0/values",
            "GOV-META-001 module.lake.aws_s3_bucket.logs 79 /planned_values/root_module/child_modules/0/resources/1/values",
            "SEC-KMS-001 aws_kms_key.raw 49 /planned_values/root_module/resources/2/values/enable_key_rotation",
            "SEC-S3-001 module.lake.aws_s3_bucket.logs 79 /planned_values/root_module/child_modules/0/resources/1/values",
        ])
        #expect(Set(found.map(\.location.file)) == [plan])
        #expect(found.first?.message == "missing tags: owner, tier, data_classification")
    }

    @Test func planRecognition() {
        #expect(PlanReader.isPlan(.object(["format_version": "1.2", "planned_values": .object([:])])))
        #expect(!PlanReader.isPlan(.object(["resource": .object([:])])))
        #expect(PlanReader.configAddress(of: #"module.a["x.y"].module.b[0].aws_s3_bucket.raw[2]"#) == "module.a.module.b.aws_s3_bucket.raw")
    }
}
