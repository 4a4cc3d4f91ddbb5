import Testing
@testable import PavedTerraform

/// How Terraform names become Swift names: public API, so every rule is pinned here.
@Suite struct BindingsNamingTests {
    @Test func typeNames() {
        #expect(SwiftNaming.typeName("aws_s3_bucket", mode: .managed) == "AWSS3Bucket")
        #expect(SwiftNaming.typeName("aws_iam_role", mode: .managed) == "AWSIAMRole")
        #expect(SwiftNaming.typeName("aws_kms_key", mode: .managed) == "AWSKMSKey")
        #expect(SwiftNaming.typeName("aws_secretsmanager_secret", mode: .managed) == "AWSSecretsmanagerSecret")
        #expect(SwiftNaming.typeName("aws_iam_policy_document", mode: .data) == "DataAWSIAMPolicyDocument")
        #expect(SwiftNaming.typeName("google_bigquery_dataset", mode: .managed) == "GoogleBigqueryDataset")
        #expect(SwiftNaming.typeName("snowflake_warehouse", mode: .managed) == "SnowflakeWarehouse")
        #expect(SwiftNaming.typeName("aws_vpc_ipv6_cidr_block_association", mode: .managed) == "AWSVPCIPv6CIDRBlockAssociation")
        #expect(SwiftNaming.typeName("aws_ec2_transit_gateway", mode: .managed) == "AWSEC2TransitGateway")
    }

    @Test func memberNames() {
        #expect(SwiftNaming.lowerCamel("bucket") == "bucket")
        #expect(SwiftNaming.lowerCamel("force_destroy") == "forceDestroy")
        #expect(SwiftNaming.lowerCamel("kms_master_key_id") == "kmsMasterKeyID")
        #expect(SwiftNaming.lowerCamel("id") == "id")
        #expect(SwiftNaming.lowerCamel("arn") == "arn")
        #expect(SwiftNaming.lowerCamel("iam_role_arns") == "iamRoleARNs")
        #expect(SwiftNaming.lowerCamel("ipv6_cidr_blocks") == "ipv6CIDRBlocks")
        #expect(SwiftNaming.lowerCamel("s3_key") == "s3Key")
        #expect(SwiftNaming.lowerCamel("block_public_acls") == "blockPublicACLs")
        #expect(SwiftNaming.lowerCamel("3d_mode") == "_3dMode")
        #expect(SwiftNaming.lowerCamel("") == "unnamed")
    }

    @Test func keywordsAreEscaped() {
        #expect(SwiftNaming.escaped("default") == "`default`")
        #expect(SwiftNaming.escaped("protocol") == "`protocol`")
        #expect(SwiftNaming.escaped("self") == "`self`")
        #expect(SwiftNaming.escaped("for") == "`for`")
        #expect(SwiftNaming.escaped("in") == "`in`")
        #expect(SwiftNaming.escaped("init") == "`init`")
        #expect(SwiftNaming.escaped("type") == "type")
        #expect(SwiftNaming.escaped("bucket") == "bucket")
    }

    @Test func nestedTypeNamesAvoidSwiftAndGeneratedNames() {
        #expect(SwiftNaming.nestedTypeName("rule") == "Rule")
        #expect(SwiftNaming.nestedTypeName("apply_server_side_encryption_by_default") == "ApplyServerSideEncryptionByDefault")
        #expect(SwiftNaming.nestedTypeName("type") == "TypeBlock")
        #expect(SwiftNaming.nestedTypeName("protocol") == "ProtocolBlock")
        #expect(SwiftNaming.nestedTypeName("self") == "SelfBlock")
        #expect(SwiftNaming.nestedTypeName("value") == "ValueBlock")
        #expect(SwiftNaming.nestedTypeName("ref") == "RefBlock")
        #expect(SwiftNaming.nestedTypeName("string") == "StringBlock")
        #expect(SwiftNaming.nestedTypeName("in") == "In")
    }

    @Test func clashesAreToldApartInTerraformNameOrder() {
        let names = SwiftNaming.allocate(
            ["s3", "s_3", "terraform_arguments"], preferred: SwiftNaming.lowerCamel,
            reserved: SwiftNaming.reservedMemberNames)
        #expect(names == ["s3": "s3", "s_3": "s3_", "terraform_arguments": "terraformArguments_"])
    }

    /// Two types whose names would be equal both get the fallback spelling, whichever is selected.
    @Test func typeNameClashesUseTheFallbackForBoth() throws {
        let block = SchemaBlock(attributes: ["name": SchemaAttribute(type: .string, required: true)])
        let schemas = ProviderSchemas([ProviderSchema(
            source: "acme/x",
            resourceSchemas: [
                "x_s3_thing": ResourceSchema(block: block), "x_s_3_thing": ResourceSchema(block: block),
                "x_other": ResourceSchema(block: block),
            ])])
        let generator = BindingsGenerator(schemas: schemas)
        let files = try generator.generate(generator.allSelections())
        #expect(files.map(\.typeName) == ["XOther", "X_S3_Thing", "X_S_3_Thing"])
        #expect(files.map(\.fileName) == ["XOther.swift", "X_S3_Thing.swift", "X_S_3_Thing.swift"])
        // Alone, a type keeps its preferred name.
        #expect(try generator.generate([.resource("x_s3_thing")]).map(\.typeName) == ["XS3Thing"])
    }

    /// File names must differ on case-insensitive file systems.
    @Test func fileNamesDifferIgnoringCase() throws {
        let block = SchemaBlock()
        let schemas = ProviderSchemas([ProviderSchema(
            source: "acme/x",
            resourceSchemas: ["x_s3_bucket": ResourceSchema(block: block), "x_s3bucket": ResourceSchema(block: block)])])
        let generator = BindingsGenerator(schemas: schemas)
        let files = try generator.generate(generator.allSelections())
        #expect(files.map(\.typeName) == ["XS3Bucket", "XS3bucket"])
        #expect(files.map(\.fileName) == ["XS3Bucket.swift", "XS3bucket_.swift"])
    }

    @Test func selectionsParseTheWayTerraformAddressesTypes() {
        #expect(BindingSelection(parsing: "aws_s3_bucket") == .resource("aws_s3_bucket"))
        #expect(BindingSelection(parsing: "data.aws_iam_policy_document") == .data("aws_iam_policy_document"))
        #expect(BindingSelection.data("aws_region").description == "data.aws_region")
        #expect([BindingSelection.data("a"), .resource("b"), .resource("a")].sorted() == [.resource("a"), .resource("b"), .data("a")])
    }
}
