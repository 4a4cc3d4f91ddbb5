/// How Terraform names become Swift names in generated bindings. Stable: changing a rule here
/// renames public API, so every rule is covered by tests.
///
/// - Types: words of the Terraform name, capitalized, with known acronyms in capitals:
///   `aws_s3_bucket` → `AWSS3Bucket`, `aws_iam_role` → `AWSIAMRole`; data sources get a `Data`
///   prefix: `data.aws_iam_policy_document` → `DataAWSIAMPolicyDocument`.
/// - Members: lower camel case: `kms_master_key_id` → `kmsMasterKeyID`, `id` → `id`.
/// - Nested block types: the block name as a type: `apply_server_side_encryption_by_default` →
///   `ApplyServerSideEncryptionByDefault`; a name Swift or the generated code already uses
///   (`Type`, `Protocol`, `Value`, `Ref`, …) gets a `Block` suffix: `TypeBlock`.
/// - Swift keywords are escaped with backticks: `` `default` ``, `` `protocol` ``, `` `self` ``.
/// - Two names of one scope that would be equal (or a member named like one of the `terraform…`
///   members generated code adds) are told apart by `_` suffixes, in the order of their Terraform
///   names.
enum SwiftNaming {
    /// Words written in capitals (or with a fixed spelling) inside names.
    static let acronyms: [String: String] = [
        "acl": "ACL", "acls": "ACLs", "acm": "ACM", "ami": "AMI", "api": "API", "apis": "APIs",
        "arn": "ARN", "arns": "ARNs", "aws": "AWS", "cidr": "CIDR", "cpu": "CPU", "db": "DB", "dns": "DNS",
        "ebs": "EBS", "ec2": "EC2", "ecr": "ECR", "ecs": "ECS", "efs": "EFS", "eks": "EKS", "elb": "ELB",
        "emr": "EMR", "gpu": "GPU", "http": "HTTP", "https": "HTTPS", "iam": "IAM", "id": "ID", "ids": "IDs",
        "ip": "IP", "ips": "IPs", "ipv4": "IPv4", "ipv6": "IPv6", "json": "JSON", "kms": "KMS", "mfa": "MFA",
        "rds": "RDS", "s3": "S3", "sns": "SNS", "sql": "SQL", "sqs": "SQS", "ssh": "SSH", "ssl": "SSL",
        "sse": "SSE", "sso": "SSO", "ssm": "SSM", "tcp": "TCP", "tls": "TLS", "ttl": "TTL", "udp": "UDP",
        "uri": "URI", "url": "URL", "urls": "URLs", "vpc": "VPC", "vpn": "VPN", "waf": "WAF", "xml": "XML",
    ]

    /// Words Swift reserves in declarations: such names are written in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "_",
    ]

    /// Nested type names that would clash with Swift (`Foo.Type`, `Foo.Protocol`) or with names the
    /// generated code refers to.
    static let reservedTypeNames: Set<String> = [
        "Type", "Protocol", "Self", "Any", "AnyObject", "Array", "Bool", "Dictionary", "Double", "Equatable",
        "Expression", "Hashable", "Int", "Lifecycle", "Never", "Optional", "PavedTerraform", "ProviderReference",
        "Provenance", "Ref", "Reference", "Resource", "ResourceAddress", "Sendable", "Set", "String", "Swift",
        "TerraformArgumentsBuilder", "TerraformBlockBinding", "TerraformResourceBinding",
        "TerraformResourceReference", "TypedValue", "Value",
    ]

    /// Members generated code adds to bindings; an attribute with one of these names gets a `_`.
    static let reservedMemberNames: Set<String> = [
        "terraformAddress", "terraformArguments", "terraformMode", "terraformObject", "terraformReference",
        "terraformResource", "terraformType",
    ]

    /// The words of a Terraform name: runs of ASCII letters and digits, lower-cased.
    static func words(_ name: String) -> [String] {
        var out: [String] = []
        var current = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                out.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { out.append(current.lowercased()) }
        return out
    }

    private static func capitalized(_ word: String) -> String {
        if let acronym = acronyms[word] { return acronym }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// `aws_s3_bucket` → `AWSS3Bucket`.
    static func upperCamel(_ name: String) -> String {
        let result = words(name).map(capitalized).joined()
        return guardLeadingDigit(result)
    }

    /// `kms_master_key_id` → `kmsMasterKeyID`.
    static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "unnamed" }
        let result = first + parts.dropFirst().map(capitalized).joined()
        return guardLeadingDigit(result)
    }

    /// The type name of a resource (`AWSS3Bucket`) or data source (`DataAWSIAMPolicyDocument`).
    static func typeName(_ terraformType: String, mode: ResourceAddress.Mode) -> String {
        (mode == .data ? "Data" : "") + upperCamel(terraformType)
    }

    /// The type name used when ``typeName(_:mode:)`` gives two types the same name: the words
    /// joined by `_`, which tells apart any two Terraform names (`AWS_S3_Bucket`).
    static func fallbackTypeName(_ terraformType: String, mode: ResourceAddress.Mode) -> String {
        (mode == .data ? "Data_" : "") + guardLeadingDigit(words(terraformType).map(capitalized).joined(separator: "_"))
    }

    /// The nested type of block `name`.
    static func nestedTypeName(_ name: String) -> String {
        let base = upperCamel(name)
        return reservedTypeNames.contains(base) || keywords.contains(base) ? base + "Block" : base
    }

    /// `name` as written in a declaration or after a dot: in backticks when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    private static func guardLeadingDigit(_ s: String) -> String {
        if s.isEmpty { return "Unnamed" }
        if let first = s.unicodeScalars.first, ("0"..."9").contains(first) { return "_" + s }
        return s
    }

    /// Assigns distinct names to `terraformNames` (in the given order, which callers sort):
    /// `preferred` for each, with `_` appended while it is taken or in `reserved`.
    static func allocate(
        _ terraformNames: [String], preferred: (String) -> String, reserved: Set<String>
    ) -> [String: String] {
        var used = reserved
        var out: [String: String] = [:]
        out.reserveCapacity(terraformNames.count)
        for name in terraformNames {
            var candidate = preferred(name)
            while used.contains(candidate) { candidate += "_" }
            used.insert(candidate)
            out[name] = candidate
        }
        return out
    }
}
