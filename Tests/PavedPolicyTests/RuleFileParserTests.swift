import Testing
@testable import PavedPolicy

/// Malformed rule files: every problem is an error at its file:line:column, never a crash.
@Suite struct RuleFileParserTests {
    @Test func yamlSyntaxErrorHasLineAndColumn() {
        let errors = ruleErrors("id: T-001\ntitle: [unclosed\nseverity: high\n")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("rules/custom.yaml:3:") == true, "\(errors)")
        #expect(errors.first?.contains("error: not valid YAML") == true)
    }

    @Test func unknownAttributePathSuggestsTheRealOne() {
        let text = rule(resource: "aws_s3_bucket_versioning", require: "{ attribute: versioning.status, equals: Enabled }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:23: error: unknown attribute path 'versioning.status' for aws_s3_bucket_versioning: no attribute or block 'versioning' (did you mean 'versioning_configuration'?)",
        ])
    }

    @Test func unknownNestedAttribute() {
        let text = rule(resource: "aws_s3_bucket_versioning", require: "{ attribute: versioning_configuration.state, equals: Enabled }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:23: error: unknown attribute path 'versioning_configuration.state' for aws_s3_bucket_versioning: no attribute or block 'state' in 'versioning_configuration' (did you mean 'status'?)",
        ])
    }

    @Test func pathBelowAValueIsAnError() {
        let text = rule(resource: "aws_kms_key", require: "{ attribute: enable_key_rotation.value, equals: true }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:23: error: unknown attribute path 'enable_key_rotation.value' for aws_kms_key: 'enable_key_rotation' is a value; it has no 'value'",
        ])
    }

    @Test func mapsAreOpen() {
        let text = rule(resource: "aws_s3_bucket", require: "{ attribute: tags.owner, exists: true }")
        #expect(ruleErrors(text).isEmpty)
    }

    @Test func unknownResourceTypeSuggests() {
        let text = rule(resource: "aws_s3_buckt", require: "{ attribute: bucket, exists: true }")
        #expect(ruleErrors(text) == ["rules/custom.yaml:5:11: error: unknown resource type 'aws_s3_buckt' (did you mean 'aws_s3_bucket' or 'aws_s3_object'?)"])
    }

    @Test func typesOfOtherProvidersAreNotChecked() {
        let text = rule(resource: "azurerm_storage_account", require: "{ attribute: min_tls_version, equals: TLS1_2 }")
        #expect(ruleErrors(text).isEmpty)
    }

    @Test func missingFieldsAreListed() {
        let errors = ruleErrors("id: T-001\ntitle: Something\nseverity: high\n")
        #expect(errors == [
            "rules/custom.yaml:1:1: error: the rule has no 'enforcement'",
            "rules/custom.yaml:1:1: error: the rule has no 'rationale'",
            "rules/custom.yaml:1:1: error: the rule has no 'remediation'",
            "rules/custom.yaml:1:1: error: the rule has no 'resource'",
        ])
    }

    @Test func badSeverityAndEnforcement() {
        var text = rule(resource: "aws_kms_key", require: "{ attribute: enable_key_rotation, equals: true }")
        text = text.replacingOccurrences(of: "severity: high", with: "severity: urgent")
            .replacingOccurrences(of: "enforcement: soft-mandatory", with: "enforcement: mandatory")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:3:11: error: unknown severity 'urgent'; use one of: info, low, medium, high, critical",
            "rules/custom.yaml:4:14: error: unknown enforcement 'mandatory'; use one of: advisory, soft-mandatory, hard-mandatory",
        ])
    }

    @Test func unknownKeySuggests() {
        let text = rule(resource: "aws_kms_key", require: "{ attribute: enable_key_rotation, equal: true }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:44: error: a condition: unknown key 'equal' (did you mean 'equals'?); expected one of: all, any, not, referenced_by, references, attribute, metadata, equals, not_equals, one_of, not_one_of, matches, not_matches, at_least, at_most, greater_than, less_than, duration_at_least, duration_at_most, exists, absent, some, every, none",
            "rules/custom.yaml:6:10: error: the condition has no comparison: add one of equals, not_equals, one_of, not_one_of, matches, not_matches, at_least, at_most, greater_than, less_than, duration_at_least, duration_at_most, exists, absent, or some:/every:/none:",
        ])
    }

    @Test func twoComparisonsInOneCondition() {
        let text = rule(resource: "aws_kms_key", require: "{ attribute: deletion_window_in_days, at_least: 7, at_most: 30 }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:10: error: a condition has one comparison, this one has 2 (at_least, at_most): combine them with all:",
        ])
    }

    @Test func invalidRegularExpression() {
        let text = rule(resource: "vault_policy", require: "{ attribute: policy, matches: 'path (' }")
        #expect(ruleErrors(text) == ["rules/custom.yaml:6:40: error: 'path (' is not a valid regular expression"])
    }

    @Test func badDurationAndNumber() {
        let text = rule(resource: "google_kms_crypto_key", require: "{ all: [ { attribute: rotation_period, duration_at_most: ninety }, { attribute: rotation_period, at_most: ten } ] }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:67: error: duration_at_most takes a duration such as 90d, 24h, 30m or 3600s",
            "rules/custom.yaml:6:116: error: at_most must be a number",
        ])
    }

    @Test func unknownMetadataKey() {
        let text = rule(resource: "aws_s3_bucket", require: "{ metadata: classificaton, equals: restricted }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:22: error: unknown metadata 'classificaton' (did you mean 'classification'?); use one of: owner, team, tier, classification, cost_center, environment, construct, address, type, name, module",
        ])
    }

    @Test func currentItemOnlyInsideQuantifiers() {
        let text = rule(resource: "aws_kms_key", require: "{ equals: true }")
        #expect(ruleErrors(text) == ["rules/custom.yaml:6:10: error: '.' (the current item) only works inside some:, every: or none:"])
    }

    @Test func itemsOfValueListsHaveNoAttributes() {
        let text = rule(resource: "snowflake_network_policy", require: "{ attribute: allowed_ip_list, every: { attribute: cidr, exists: true } }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:60: error: the items of 'allowed_ip_list' are values, not blocks: compare them directly (leave out attribute:)",
        ])
    }

    @Test func quantifierItemsAreCheckedAgainstTheBlock() {
        let good = rule(resource: "aws_s3_bucket_lifecycle_configuration", require: "{ attribute: rule, every: { attribute: expiration.days, at_most: 400 } }")
        #expect(ruleErrors(good).isEmpty)
        let bad = rule(resource: "aws_s3_bucket_lifecycle_configuration", require: "{ attribute: rule, every: { attribute: expiry.days, at_most: 400 } }")
        #expect(ruleErrors(bad) == [
            "rules/custom.yaml:6:49: error: unknown attribute path 'expiry.days' for 'rule': no attribute or block 'expiry' (did you mean 'expiration'?)",
        ])
    }

    @Test func connectionsCheckTheOtherType() {
        let text = rule(resource: "aws_s3_bucket", require: "{ referenced_by: { type: aws_s3_bucket_public_access_block, attribute: bucket_id } }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:6:81: error: unknown attribute path 'bucket_id' for aws_s3_bucket_public_access_block: no attribute or block 'bucket_id' (did you mean 'bucket'?)",
        ])
    }

    @Test func swiftImplementationMustBeRegistered() {
        let text = """
            id: ACME-IAM-001
            title: Custom Swift rule
            severity: high
            enforcement: advisory
            implementation: swift
            rationale: Because.
            remediation: Fix it.
            """
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:5:17: error: rule ACME-IAM-001 says implementation: swift, but no Swift implementation is registered for it (pass it in swiftRules: when loading the rules)",
        ])
    }

    @Test func duplicateIDsAcrossFiles() {
        let text = rule(id: "ACME-001", resource: "aws_kms_key", require: "{ attribute: enable_key_rotation, equals: true }")
        guard case .failure(let errors) = loadRules([("rules/a.yaml", text), ("rules/b.yaml", text)]) else {
            Issue.record("duplicate ids loaded")
            return
        }
        #expect(errors == ["rules/b.yaml:1: error: rule id ACME-001 is already used by the rule at rules/a.yaml:1"])
    }

    @Test func invalidID() {
        let text = rule(id: "acme rule", resource: "aws_kms_key", require: "{ attribute: enable_key_rotation, equals: true }")
        #expect(ruleErrors(text) == [
            "rules/custom.yaml:1:5: error: rule id 'acme rule' is invalid: use uppercase letters, digits and dashes, such as ACME-S3-001",
        ])
    }

    @Test func packFilesHoldSeveralRules() throws {
        let text = """
            pack: acme
            rules:
              - id: ACME-001
                title: Keys rotate
                severity: high
                enforcement: hard-mandatory
                resource: aws_kms_key
                require: { attribute: enable_key_rotation, equals: true }
                message: key does not rotate
                rationale: Rotation limits exposure.
                remediation: Enable rotation.
              - id: ACME-002
                title: Buckets are named
                severity: low
                enforcement: advisory
                resource: aws_s3_bucket
                require: { attribute: bucket, matches: '^acme-' }
                message: bucket name lacks the acme- prefix
                rationale: Naming.
                remediation: Rename.
            """
        guard case .success(let set) = loadRules([("team/acme.yaml", text)]) else {
            Issue.record("pack did not load: \(loadRules([("team/acme.yaml", text)]))")
            return
        }
        #expect(set.rules.map(\.metadata.id) == ["ACME-001", "ACME-002"])
        #expect(set.rules.map(\.metadata.pack) == ["acme", "acme"])
        #expect(set.rules.map { $0.metadata.source?.line } == [3, 12])
        #expect(set.rule(id: "ACME-002")?.sourceText?.hasPrefix("  - id: ACME-002") == true)
    }

    @Test func pathSyntaxErrors() {
        for (path, message) in [
            ("tags[", "invalid attribute path 'tags[': unclosed '[' at character 6"),
            ("rule..id", "invalid attribute path 'rule..id': expected an attribute name at character 6"),
            ("rule.", "invalid attribute path 'rule.': a path cannot end with '.' at character 6"),
            ("rule[x]", "invalid attribute path 'rule[x]': expected an index, '*' or a quoted key inside [ ] at character 6"),
        ] {
            let text = rule(resource: "aws_s3_bucket_lifecycle_configuration", require: "{ attribute: '\(path)', exists: true }")
            #expect(ruleErrors(text) == ["rules/custom.yaml:6:23: error: \(message)"], "\(path)")
        }
    }
}
