extension Snowflake {
    /// A schema inside a ``Snowflake/Database``: managed access (only the schema owner grants on its
    /// objects), with its own retention when it differs from the database's.
    public struct Schema: Sendable {
        public var name: String
        public var retention: Interval?
        public var managedAccess: Bool
        public var description: String?
        public var metadata: Metadata
        public var location: SourceLocation

        public init(
            _ name: String, retention: Interval? = nil, managedAccess: Bool = true, description: String? = nil,
            owner: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.retention = retention
            self.managedAccess = managedAccess
            self.description = description
            self.metadata = Metadata(owner: owner, tier: tier, classification: classification)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }
    }

    /// A database with Time Travel retention, its schemas, and three access roles that functional
    /// roles are granted: `<DB>_READ` (usage, select on every current and future table and view),
    /// `<DB>_WRITE` (the read role, plus insert, update and delete on tables) and `<DB>_OWN` (the
    /// write role, plus creating schemas, tables and views).
    ///
    /// ```swift
    /// Snowflake.Database("raw", retention: .days(7), classification: .confidential) {
    ///     Snowflake.Schema("events")
    ///     Snowflake.Schema("scratch", retention: .days(1))
    /// }
    /// .overriding(in: .dev, retention: .days(1))
    /// ```
    public struct Database: SnowflakeGrantTarget {
        /// What one environment changes.
        public struct Override: Sendable {
            public var retention: Interval
            public var location: SourceLocation
        }

        public var kind: String { "snowflake database" }
        public var name: String
        public var description: String?
        public var metadata: Metadata
        public var retention: Interval
        public var schemas: [Schema]
        public var overrides: [EnvironmentName: Override] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, retention: Interval = .days(1), description: String? = nil,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @SnowflakeSchemaBuilder _ schemas: () -> [Schema] = { [] }
        ) {
            self.name = name
            self.description = description
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.retention = retention
            self.schemas = schemas()
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Changes the Time Travel retention in one environment (shorter in dev, for instance).
        public func overriding(
            in environment: EnvironmentName, retention: Interval,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.overrides[environment] = Override(retention: retention, location: SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += Self.checkRetention(retention, of: "database '\(name)'", at: location)
            for environment in overrides.keys.sorted() {
                if let o = overrides[environment] {
                    out += Self.checkRetention(o.retention, of: "database '\(name)' in \(environment)", at: o.location)
                }
            }
            var seen: [String: SourceLocation] = [:]
            for schema in schemas {
                if let d = NameRule.check(schema.name, kind: "snowflake schema", at: schema.location) { out.append(d) }
                if let first = seen[schema.name] {
                    out.append(.error("schema '\(schema.name)' is declared twice in database '\(name)'; first at \(first)", at: schema.location))
                }
                seen[schema.name] = seen[schema.name] ?? schema.location
                if schema.name == "public" {
                    out.append(.error("schema 'public' is dropped when Paved creates database '\(name)': give the schema a name that says what it holds", at: schema.location))
                }
                if let r = schema.retention { out += Self.checkRetention(r, of: "schema '\(schema.name)'", at: schema.location) }
            }
            return out
        }

        static func checkRetention(_ interval: Interval, of what: String, at location: SourceLocation) -> [Diagnostic] {
            if interval.seconds % 86_400 != 0 {
                return [.error("\(what) retention must be whole days (got \(interval)): Snowflake keeps Time Travel data in days", at: location)]
            }
            if !(1...90).contains(interval.days) {
                return [.error("\(what) retention must be 1 to 90 days (got \(interval)): 0 turns Time Travel off, and Snowflake keeps at most 90", at: location)]
            }
            return []
        }

        var resourceName: String { Identifier.sanitize(name) }
        var databaseRef: SnowflakeDatabase.Ref { SnowflakeDatabase.Ref(resourceName) }
        var readRoleRef: SnowflakeAccountRole.Ref { SnowflakeAccountRole.Ref("\(resourceName)_read") }
        var writeRoleRef: SnowflakeAccountRole.Ref { SnowflakeAccountRole.Ref("\(resourceName)_write") }
        var ownRoleRef: SnowflakeAccountRole.Ref { SnowflakeAccountRole.Ref("\(resourceName)_own") }

        public func lower(into context: inout SynthesisContext) {
            let n = resourceName
            let identifier = context.snowflakeIdentifier(name)
            let retention = overrides[context.environment.name]?.retention ?? retention
            let db = context.add(n, SnowflakeDatabase(
                comment: .init(context.snowflakeComment(description ?? "Database \(name)", metadata: metadata, construct: self)),
                dataRetentionTimeInDays: .init(retention.days), dropPublicSchemaOnCreation: true, name: .init(identifier)
            ), for: self, untaggedWith: metadata)

            var schemaRefs: [String: SnowflakeSchema.Ref] = [:]
            for schema in schemas {
                let schemaMetadata = schema.metadata.inheriting(from: metadata)
                let schemaIdentifier = Identifier.sanitize(schema.name).uppercased()
                schemaRefs[schema.name] = context.add("\(n)_\(Identifier.sanitize(schema.name))", SnowflakeSchema(
                    comment: .init(context.snowflakeComment(
                        schema.description ?? "Schema \(schema.name) of database \(name)", metadata: schemaMetadata, construct: self)),
                    dataRetentionTimeInDays: schema.retention.map { TypedValue<Double>($0.days) },
                    database: db.name, name: .init(schemaIdentifier),
                    withManagedAccess: schema.managedAccess ? "true" : "false"
                ), for: self, untaggedWith: schemaMetadata, at: schema.location, part: "schemas/\(schema.name)")
            }

            // Access roles: functional roles get these, never privileges on objects directly.
            let read = context.add("\(n)_read", SnowflakeAccountRole(
                comment: .init(context.snowflakeComment("Read access to database \(identifier)", metadata: metadata, construct: self)),
                name: .init("\(identifier)_READ")
            ), for: self, untaggedWith: metadata, part: "access")
            let write = context.add("\(n)_write", SnowflakeAccountRole(
                comment: .init(context.snowflakeComment("Write access to database \(identifier)", metadata: metadata, construct: self)),
                name: .init("\(identifier)_WRITE")
            ), for: self, untaggedWith: metadata, part: "access")
            let own = context.add("\(n)_own", SnowflakeAccountRole(
                comment: .init(context.snowflakeComment("Owner access (DDL) to database \(identifier)", metadata: metadata, construct: self)),
                name: .init("\(identifier)_OWN")
            ), for: self, untaggedWith: metadata, part: "access")

            func grant(_ suffix: String, _ role: TypedValue<String>, _ privileges: [String], _ binding: SnowflakeGrantPrivilegesToAccountRole) {
                var binding = binding
                binding.accountRoleName = role
                binding.privileges = TypedValue(privileges.sorted())
                context.add("\(n)_\(suffix)", binding, for: self, part: "access")
            }
            func onObjects(_ plural: String, future: Bool, inSchema: TypedValue<String>? = nil) -> SnowflakeGrantPrivilegesToAccountRole {
                let scope = SnowflakeGrantPrivilegesToAccountRole.OnSchemaObject.self
                let database: TypedValue<String>? = inSchema == nil ? db.name : nil
                return SnowflakeGrantPrivilegesToAccountRole(
                    accountRoleName: "",
                    onSchemaObject: future
                        ? scope.init(future: .init(inDatabase: database, inSchema: inSchema, objectTypePlural: .init(plural)))
                        : scope.init(all: .init(inDatabase: database, inSchema: inSchema, objectTypePlural: .init(plural))))
            }
            grant("read_database", read.name, ["USAGE"], SnowflakeGrantPrivilegesToAccountRole(
                accountRoleName: "", onAccountObject: .init(objectName: db.name, objectType: "DATABASE")))
            grant("read_schemas", read.name, ["USAGE"], SnowflakeGrantPrivilegesToAccountRole(
                accountRoleName: "", onSchema: .init(allSchemasInDatabase: db.name)))
            grant("read_future_schemas", read.name, ["USAGE"], SnowflakeGrantPrivilegesToAccountRole(
                accountRoleName: "", onSchema: .init(futureSchemasInDatabase: db.name)))
            for plural in ["TABLES", "VIEWS"] {
                let p = plural.lowercased()
                grant("read_\(p)", read.name, ["SELECT"], onObjects(plural, future: false))
                grant("read_future_\(p)", read.name, ["SELECT"], onObjects(plural, future: true))
            }
            context.add("\(n)_write_includes_read", SnowflakeGrantAccountRole(
                parentRoleName: write.name, roleName: read.name), for: self, part: "access")
            grant("write_tables", write.name, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: false))
            grant("write_future_tables", write.name, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: true))
            context.add("\(n)_own_includes_write", SnowflakeGrantAccountRole(
                parentRoleName: own.name, roleName: write.name), for: self, part: "access")
            grant("own_database", own.name, ["CREATE SCHEMA"], SnowflakeGrantPrivilegesToAccountRole(
                accountRoleName: "", onAccountObject: .init(objectName: db.name, objectType: "DATABASE")))
            grant("own_schemas", own.name, ["CREATE TABLE", "CREATE VIEW"], SnowflakeGrantPrivilegesToAccountRole(
                accountRoleName: "", onSchema: .init(allSchemasInDatabase: db.name)))
            grant("own_future_schemas", own.name, ["CREATE TABLE", "CREATE VIEW"], SnowflakeGrantPrivilegesToAccountRole(
                accountRoleName: "", onSchema: .init(futureSchemasInDatabase: db.name)))

            // Schema access roles, for schemas a Snowflake.Role names as "database/schema".
            for schemaName in targetedSchemas(context) {
                guard let schema = schemaRefs[schemaName] else { continue }
                let s = "\(n)_\(Identifier.sanitize(schemaName))"
                let qualified = schema.fullyQualifiedName
                let label = "\(identifier).\(Identifier.sanitize(schemaName).uppercased())"
                let schemaRead = context.add("\(s)_read", SnowflakeAccountRole(
                    comment: .init(context.snowflakeComment("Read access to schema \(label)", metadata: metadata, construct: self)),
                    name: .init("\(identifier)_\(Identifier.sanitize(schemaName).uppercased())_READ")
                ), for: self, untaggedWith: metadata, part: "access")
                let schemaWrite = context.add("\(s)_write", SnowflakeAccountRole(
                    comment: .init(context.snowflakeComment("Write access to schema \(label)", metadata: metadata, construct: self)),
                    name: .init("\(identifier)_\(Identifier.sanitize(schemaName).uppercased())_WRITE")
                ), for: self, untaggedWith: metadata, part: "access")
                grant("\(Identifier.sanitize(schemaName))_read_database", schemaRead.name, ["USAGE"], SnowflakeGrantPrivilegesToAccountRole(
                    accountRoleName: "", onAccountObject: .init(objectName: db.name, objectType: "DATABASE")))
                grant("\(Identifier.sanitize(schemaName))_read_schema", schemaRead.name, ["USAGE"], SnowflakeGrantPrivilegesToAccountRole(
                    accountRoleName: "", onSchema: .init(schemaName: qualified)))
                for plural in ["TABLES", "VIEWS"] {
                    let p = plural.lowercased()
                    grant("\(Identifier.sanitize(schemaName))_read_\(p)", schemaRead.name, ["SELECT"], onObjects(plural, future: false, inSchema: qualified))
                    grant("\(Identifier.sanitize(schemaName))_read_future_\(p)", schemaRead.name, ["SELECT"], onObjects(plural, future: true, inSchema: qualified))
                    // Schema-level future grants make Snowflake ignore the database-level ones in
                    // this schema: repeat the database role's future grant here.
                    grant("read_future_\(p)_in_\(Identifier.sanitize(schemaName))", read.name, ["SELECT"], onObjects(plural, future: true, inSchema: qualified))
                }
                context.add("\(s)_write_includes_read", SnowflakeGrantAccountRole(
                    parentRoleName: schemaWrite.name, roleName: schemaRead.name), for: self, part: "access")
                grant("\(Identifier.sanitize(schemaName))_write_tables", schemaWrite.name, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: false, inSchema: qualified))
                grant("\(Identifier.sanitize(schemaName))_write_future_tables", schemaWrite.name, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: true, inSchema: qualified))
                grant("write_future_tables_in_\(Identifier.sanitize(schemaName))", write.name, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: true, inSchema: qualified))
            }
        }

        public var snowflakeIntents: [AccessIntent] { [.read, .write, .own] }

        /// `("raw", "events")` for a grant target written `"raw/events"`.
        static func schemaTarget(_ target: String) -> (database: String, schema: String)? {
            let parts = target.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            return (String(parts[0]), String(parts[1]))
        }

        /// The schemas of this database that some ``Snowflake/Role`` is granted, sorted.
        func targetedSchemas(_ context: SynthesisContext) -> [String] {
            var out: Set<String> = []
            for role in context.constructs(of: Snowflake.Role.self) {
                for grant in role.grants {
                    guard case .intent(_, let target) = grant.grant, let (database, schema) = Self.schemaTarget(target),
                          database == name, schemas.contains(where: { $0.name == schema })
                    else { continue }
                    out.insert(schema)
                }
            }
            return out.sorted()
        }

        /// Grants `intent` on one of this database's schemas to the account role named by `role`.
        func addSchemaGrant(
            _ intent: AccessIntent, schema: String, to role: TypedValue<String>, name: String, for grantee: any Construct,
            at location: SourceLocation, context: inout SynthesisContext
        ) {
            let suffix: String
            switch intent {
            case .read: suffix = "read"
            case .write: suffix = "write"
            case .own, .readSecret, .use: return
            }
            let access = SnowflakeAccountRole.Ref("\(resourceName)_\(Identifier.sanitize(schema))_\(suffix)")
            context.add(name, SnowflakeGrantAccountRole(parentRoleName: role, roleName: access.name), for: grantee, at: location, part: "grants")
        }

        public func addSnowflakeGrant(
            _ intent: AccessIntent, to role: TypedValue<String>, name: String, for grantee: any Construct,
            at location: SourceLocation, context: inout SynthesisContext
        ) {
            let access: SnowflakeAccountRole.Ref
            switch intent {
            case .read: access = readRoleRef
            case .write: access = writeRoleRef
            case .own: access = ownRoleRef
            case .readSecret, .use: return
            }
            context.add(name, SnowflakeGrantAccountRole(parentRoleName: role, roleName: access.name), for: grantee, at: location, part: "grants")
        }
    }
}

/// Builds a database's body: its ``Snowflake/Schema``s.
@resultBuilder
public enum SnowflakeSchemaBuilder {
    public static func buildExpression(_ schema: Snowflake.Schema) -> [Snowflake.Schema] { [schema] }
    public static func buildBlock(_ parts: [Snowflake.Schema]...) -> [Snowflake.Schema] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Snowflake.Schema]?) -> [Snowflake.Schema] { part ?? [] }
    public static func buildEither(first: [Snowflake.Schema]) -> [Snowflake.Schema] { first }
    public static func buildEither(second: [Snowflake.Schema]) -> [Snowflake.Schema] { second }
    public static func buildArray(_ parts: [[Snowflake.Schema]]) -> [Snowflake.Schema] { parts.flatMap { $0 } }
}
