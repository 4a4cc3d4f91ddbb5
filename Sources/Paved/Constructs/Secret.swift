/// A secret in AWS Secrets Manager, encrypted with its own customer-managed KMS key.
///
/// Paved declares the secret, never its value: set the value out of band (console, CLI, or the
/// rotation function). Lowers to a KMS key and alias, the secret, and — with ``Rotation`` — a
/// rotation schedule and the permission for Secrets Manager to invoke the rotation Lambda.
///
/// ```swift
/// Secret("snowflake/etl-password", rotation: .every(.days(30), usingFunction: "snowflake-password-rotation"))
/// ```
public struct Secret: AccessTarget {
    /// Automatic rotation by a Lambda function on a schedule.
    public struct Rotation: Sendable, Equatable {
        public enum Function: Sendable, Equatable {
            /// A function of this name in each environment's own account and region.
            case named(String)
            /// A function by full ARN (the same in every environment).
            case arn(String)
        }

        public var every: Interval
        public var function: Function

        /// Rotate every `interval` with the function `name` in each environment's account and region.
        public static func every(_ interval: Interval, usingFunction name: String) -> Rotation {
            Rotation(every: interval, function: .named(name))
        }

        /// Rotate every `interval` with the function at `arn`.
        public static func every(_ interval: Interval, usingFunctionARN arn: String) -> Rotation {
            Rotation(every: interval, function: .arn(arn))
        }

        func arn(in aws: AWSTarget) -> String {
            switch function {
            case .arn(let arn): arn
            case .named(let name): "arn:aws:lambda:\(aws.region):\(aws.accountID):function:\(name)"
            }
        }
    }

    public var kind: String { "secret" }
    public var name: String
    public var description: String?
    public var metadata: Metadata
    public var recoveryWindow: Interval
    public var rotation: Rotation?
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, description: String? = nil, classification: Classification? = nil, owner: String? = nil,
        recoveryWindow: Interval = .days(30), rotation: Rotation? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.name = name
        self.description = description
        self.metadata = Metadata(owner: owner, classification: classification ?? .restricted)
        self.recoveryWindow = recoveryWindow
        self.rotation = rotation
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, allowSlash: true, at: location) { out.append(d) }
        if recoveryWindow.seconds % 86_400 != 0 || !(7...30).contains(recoveryWindow.days) {
            out.append(.error("secret '\(name)' recovery window must be 7 to 30 days (got \(recoveryWindow))", at: location))
        }
        if let rotation {
            if rotation.every.seconds % 86_400 != 0 || !(1...1000).contains(rotation.every.days) {
                out.append(.error("secret '\(name)' rotation interval must be 1 to 1000 days (got \(rotation.every))", at: location))
            }
            switch rotation.function {
            case .arn(let arn) where !Self.isLambdaARN(arn):
                out.append(.error(
                    "secret '\(name)' rotation function '\(arn)' is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)",
                    at: location))
            case .named(let fn) where fn.isEmpty || fn.count > 64 || !fn.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }):
                out.append(.error(
                    "secret '\(name)' rotation function name '\(fn)' is invalid: use 1 to 64 letters, digits, dashes and underscores",
                    at: location))
            default: break
            }
        }
        return out
    }

    static func isLambdaARN(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function" && !parts[6].isEmpty
    }

    var resourceName: String { Identifier.sanitize(name) }
    var secretRef: AWSSecretsmanagerSecret.Ref { AWSSecretsmanagerSecret.Ref(resourceName) }
    var keyRef: AWSKMSKey.Ref { AWSKMSKey.Ref("secret_\(resourceName)") }

    public func lower(into context: inout SynthesisContext) {
        let aws = context.aws(for: self)
        let secretName = context.physicalName(name, separator: "/")  // platform/env/name
        let key = context.addKMSKey(
            keyRef.terraformAddress.name, description: "Encrypts secret \(secretName)",
            alias: context.physicalName(Self.dashed(name)), for: self, metadata: metadata)
        let secret = context.add(resourceName, AWSSecretsmanagerSecret(
            description: description.map { TypedValue($0) }, kmsKeyID: key.arn, name: .init(secretName),
            recoveryWindowInDays: .init(recoveryWindow.days), tags: context.typedTags(metadata)
        ), for: self)
        guard let rotation else { return }
        let lambdaARN = rotation.arn(in: aws)
        let permission = context.add("rotate_\(resourceName)", AWSLambdaPermission(
            action: "lambda:InvokeFunction", functionName: .init(lambdaARN), principal: "secretsmanager.amazonaws.com",
            sourceARN: secret.arn, statementID: "AllowSecretsManagerRotation-\(StatementID.from(name))"
        ), for: self, part: "rotation")
        context.add(resourceName, AWSSecretsmanagerSecretRotation(
            rotationLambdaARN: .init(lambdaARN), rotationRules: .init(automaticallyAfterDays: .init(rotation.every.days)),
            secretID: secret.id
        ), for: self, part: "rotation", dependsOn: [permission.terraformAddress])
    }

    /// `name` with `/` as `-` (for the key alias).
    static func dashed(_ name: String) -> String {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.replacingOccurrences(of: "/", with: "-") }
        return String(decoding: name.utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }

    public var supportedIntents: [AccessIntent] { [.readSecret] }

    public func iamStatements(for intent: AccessIntent, context: SynthesisContext) -> [IAMStatement] {
        guard intent == .readSecret else { return [] }
        let id = StatementID.from(name)
        let region = context.environment.aws?.region ?? "us-east-1"
        return [
            IAMStatement(
                sid: "ReadSecret\(id)", actions: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
                resources: [secretRef.arn]),
            IAMStatement(
                sid: "DecryptSecret\(id)", actions: ["kms:Decrypt"], resources: [keyRef.arn],
                conditions: [.init("StringEquals", "kms:ViaService", ["secretsmanager.\(region).amazonaws.com"])]),
        ]
    }
}
