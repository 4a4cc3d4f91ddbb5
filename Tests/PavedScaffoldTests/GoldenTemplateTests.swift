import Foundation
import PavedScaffold
import Testing

/// Each shipped template, rendered with fixed answers, must match its golden tree byte for byte.
/// Re-record on purpose with `PAVED_RECORD=1 swift test --filter GoldenTemplateTests` (that run
/// fails; the next one passes).
@Suite("Golden rendered trees")
struct GoldenTemplateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var template: String
        var label: String
        var answers: [String]
        var testDescription: String { "\(template) (\(label))" }
    }

    static let cases: [Case] = [
        Case(
            template: "dbt-pipeline", label: "tier-1-snowflake",
            answers: [
                "name=orders", "owner=@acme/data-eng", "owner_email=data-eng@acme.io", "tier=1", "warehouse=snowflake",
                "domain=commerce", "classification=confidential", "tags=finance,daily", "pagerduty_service=P1A2B3C",
                "aws_account_dev=111111111111", "aws_account_prod=222222222222",
            ]),
        Case(
            template: "dbt-pipeline", label: "tier-3-bigquery-no-infra",
            answers: [
                "name=marketing_spend", "owner=@acme/growth", "owner_email=growth@acme.io", "tier=3", "warehouse=bigquery",
                "include_infra=false",
            ]),
        Case(
            template: "airflow-pipeline", label: "tier-1",
            answers: [
                "name=payments_sync", "owner=@acme/payments", "owner_email=payments@acme.io", "tier=1",
                "pagerduty_service=PQRS123", "retries=4", "timeout_minutes=30", "tags=payments,pci",
                "classification=restricted", "aws_account_dev=111111111111", "aws_account_prod=222222222222", "aws_region=us-east-1",
            ]),
        Case(
            template: "airflow-pipeline", label: "tier-2-custom-schedule-no-infra",
            answers: [
                "name=crm_export", "owner=@acme/crm", "owner_email=crm@acme.io", "schedule=15 3 * * *",
                "include_infra=false",
            ]),
        Case(
            template: "dagster-assets", label: "tier-2",
            answers: ["name=web_events", "owner=@acme/web", "owner_email=web@acme.io", "domain=marketing", "aws_account_dev=111111111111", "aws_account_prod=222222222222"]),
    ]

    @Test("renders exactly the golden tree", arguments: cases)
    func golden(_ testCase: Case) throws {
        let library = TemplateLibrary(root: RepositoryPaths.templates)
        let template = try library.load(testCase.template)
        let answers = try AnswerResolver.resolve(try GivenAnswer.fromFlags(testCase.answers), for: template.manifest)
        let files = try TemplateRenderer.render(template, answers: answers)
        let problems = try Golden.compare(
            files.map { ($0.path, $0.contents, $0.executable) },
            to: RepositoryPaths.resources + "/golden/\(testCase.template)/\(testCase.label)")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
