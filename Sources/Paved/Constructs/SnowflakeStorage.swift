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
    /// roles are granted. The access roles are database roles, scoped to the database and addressed
    /// `"<DB>"."READ"`: `READ` (usage, select on every current and future table and view), `WRITE`
    /// (the read role, plus insert, update and delete on tables) and `OWN` (the write role, plus
    /// creating schemas, tables and views). A schema a role is granted alone gets `<SCHEMA>_READ`
    /// and `<SCHEMA>_WRITE` database roles too.
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
        var readRoleRef: SnowflakeDatabaseRole.Ref { SnowflakeDatabaseRole.Ref("\(resourceName)_read") }
        var writeRoleRef: SnowflakeDatabaseRole.Ref { SnowflakeDatabaseRole.Ref("\(resourceName)_write") }
        var ownRoleRef: SnowflakeDatabaseRole.Ref { SnowflakeDatabaseRole.Ref("\(resourceName)_own") }

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

            // Access roles are database roles: they live in the database (`"DB"."READ"`), can hold
            // privileges only on it and its objects, and reach people only through the functional
            // account roles they are granted to, never directly.
            func accessRole(_ localName: String, _ roleName: String, _ what: String) -> SnowflakeDatabaseRole.Ref {
                context.add(localName, SnowflakeDatabaseRole(
                    comment: .init(context.snowflakeComment(what, metadata: metadata, construct: self)),
                    database: db.name, name: .init(roleName)
                ), for: self, untaggedWith: metadata, part: "access")
            }
            let read = accessRole("\(n)_read", "READ", "Read access to database \(identifier)")
            let write = accessRole("\(n)_write", "WRITE", "Write access to database \(identifier)")
            let own = accessRole("\(n)_own", "OWN", "Owner access (DDL) to database \(identifier)")

            func grant(_ suffix: String, _ role: SnowflakeDatabaseRole.Ref, _ privileges: [String], _ binding: SnowflakeGrantPrivilegesToDatabaseRole) {
                var binding = binding
                binding.databaseRoleName = role.fullyQualifiedName
                binding.privileges = TypedValue(privileges.sorted())
                context.add("\(n)_\(suffix)", binding, for: self, part: "access")
            }
            func includes(_ suffix: String, parent: SnowflakeDatabaseRole.Ref, child: SnowflakeDatabaseRole.Ref) {
                context.add("\(n)_\(suffix)", SnowflakeGrantDatabaseRole(
                    databaseRoleName: child.fullyQualifiedName, parentDatabaseRoleName: parent.fullyQualifiedName
                ), for: self, part: "access")
            }
            func onDatabase() -> SnowflakeGrantPrivilegesToDatabaseRole {
                SnowflakeGrantPrivilegesToDatabaseRole(databaseRoleName: "", onDatabase: db.name)
            }
            func onSchemas(_ scope: SnowflakeGrantPrivilegesToDatabaseRole.OnSchema) -> SnowflakeGrantPrivilegesToDatabaseRole {
                SnowflakeGrantPrivilegesToDatabaseRole(databaseRoleName: "", onSchema: scope)
            }
            func onObjects(_ plural: String, future: Bool, inSchema: TypedValue<String>? = nil) -> SnowflakeGrantPrivilegesToDatabaseRole {
                let scope = SnowflakeGrantPrivilegesToDatabaseRole.OnSchemaObject.self
                let database: TypedValue<String>? = inSchema == nil ? db.name : nil
                return SnowflakeGrantPrivilegesToDatabaseRole(
                    databaseRoleName: "",
                    onSchemaObject: future
                        ? scope.init(future: .init(inDatabase: database, inSchema: inSchema, objectTypePlural: .init(plural)))
                        : scope.init(all: .init(inDatabase: database, inSchema: inSchema, objectTypePlural: .init(plural))))
            }
            grant("read_database", read, ["USAGE"], onDatabase())
            grant("read_schemas", read, ["USAGE"], onSchemas(.init(allSchemasInDatabase: db.name)))
            grant("read_future_schemas", read, ["USAGE"], onSchemas(.init(futureSchemasInDatabase: db.name)))
            for plural in ["TABLES", "VIEWS"] {
                let p = plural.lowercased()
                grant("read_\(p)", read, ["SELECT"], onObjects(plural, future: false))
                grant("read_future_\(p)", read, ["SELECT"], onObjects(plural, future: true))
            }
            includes("write_includes_read", parent: write, child: read)
            grant("write_tables", write, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: false))
            grant("write_future_tables", write, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: true))
            includes("own_includes_write", parent: own, child: write)
            grant("own_database", own, ["CREATE SCHEMA"], onDatabase())
            grant("own_schemas", own, ["CREATE TABLE", "CREATE VIEW"], onSchemas(.init(allSchemasInDatabase: db.name)))
            grant("own_future_schemas", own, ["CREATE TABLE", "CREATE VIEW"], onSchemas(.init(futureSchemasInDatabase: db.name)))

            // Schema access roles, for schemas a Snowflake.Role names as "database/schema".
            for schemaName in targetedSchemas(context) {
                guard let schema = schemaRefs[schemaName] else { continue }
                let sn = Identifier.sanitize(schemaName)
                let s = "\(n)_\(sn)"
                let qualified = schema.fullyQualifiedName
                let label = "\(identifier).\(sn.uppercased())"
                let schemaRead = accessRole("\(s)_read", "\(sn.uppercased())_READ", "Read access to schema \(label)")
                let schemaWrite = accessRole("\(s)_write", "\(sn.uppercased())_WRITE", "Write access to schema \(label)")
                grant("\(sn)_read_database", schemaRead, ["USAGE"], onDatabase())
                grant("\(sn)_read_schema", schemaRead, ["USAGE"], onSchemas(.init(schemaName: qualified)))
                for plural in ["TABLES", "VIEWS"] {
                    let p = plural.lowercased()
                    grant("\(sn)_read_\(p)", schemaRead, ["SELECT"], onObjects(plural, future: false, inSchema: qualified))
                    grant("\(sn)_read_future_\(p)", schemaRead, ["SELECT"], onObjects(plural, future: true, inSchema: qualified))
                    // Schema-level future grants make Snowflake ignore the database-level ones in
                    // this schema: repeat the database role's future grant here.
                    grant("read_future_\(p)_in_\(sn)", read, ["SELECT"], onObjects(plural, future: true, inSchema: qualified))
                }
                includes("\(sn)_write_includes_read", parent: schemaWrite, child: schemaRead)
                grant("\(sn)_write_tables", schemaWrite, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: false, inSchema: qualified))
                grant("\(sn)_write_future_tables", schemaWrite, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: true, inSchema: qualified))
                grant("write_future_tables_in_\(sn)", write, ["DELETE", "INSERT", "UPDATE"], onObjects("TABLES", future: true, inSchema: qualified))
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

        /// Grants `intent` on one of this database's schemas to the account role named by `role`: the
        /// schema's database role (`"DB"."EVENTS_READ"`) becomes part of that role.
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
            let access = SnowflakeDatabaseRole.Ref("\(resourceName)_\(Identifier.sanitize(schema))_\(suffix)")
            context.add(name, SnowflakeGrantDatabaseRole(databaseRoleName: access.fullyQualifiedName, parentRoleName: role),
                        for: grantee, at: location, part: "grants")
        }

        public func addSnowflakeGrant(
            _ intent: AccessIntent, to role: TypedValue<String>, name: String, for grantee: any Construct,
            at location: SourceLocation, context: inout SynthesisContext
        ) {
            let access: SnowflakeDatabaseRole.Ref
            switch intent {
            case .read: access = readRoleRef
            case .write: access = writeRoleRef
            case .own: access = ownRoleRef
            case .readSecret, .use: return
            }
            context.add(name, SnowflakeGrantDatabaseRole(databaseRoleName: access.fullyQualifiedName, parentRoleName: role),
                        for: grantee, at: location, part: "grants")
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
