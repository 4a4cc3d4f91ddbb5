/// The attributes Paved may write for resource types of providers whose schemas it does not
/// bundle (Prefect and Dagster+), pinned by hand from the provider source of one version.
///
/// These types have no generated bindings and `paved validate` only notes that their provider has
/// no schema loaded, so nothing else checks them. ``SynthesisContext/addUnchecked(_:_:_:for:metadata:at:part:)``
/// checks every block it adds against this table, and `PrefectDagsterTests` checks the table
/// against `Tests/PavedTests/Resources/unchecked-provider-schemas.json`, written from the same
/// source so a reviewer can compare it with the provider.
///
/// Attribute paths name nested blocks with a dot: `code_source.module_name`.
enum UncheckedSchemas {
    struct ProviderSchema: Sendable {
        var source: String
        /// The release whose source the attributes were read from.
        var version: String
        /// Provider configuration arguments Paved may write.
        var providerArguments: Set<String>
        var resources: [String: ResourceSchema]
    }

    struct ResourceSchema: Sendable, Equatable {
        /// Required attributes; a dotted one is required only when its block is written.
        var required: Set<String>
        var optional: Set<String>
        var all: Set<String> { required.union(optional) }
    }

    /// `prefecthq/prefect` v3.4.1: internal/provider/provider.go and
    /// internal/provider/resources/{work_pool,flow,deployment,deployment_schedule}.go.
    static let prefect = ProviderSchema(
        source: "prefecthq/prefect", version: "3.4.1",
        providerArguments: ["endpoint", "account_id", "workspace_id"],
        resources: [
            "prefect_work_pool": ResourceSchema(
                required: ["name"],
                optional: ["account_id", "base_job_template", "concurrency_limit", "description", "paused", "type", "workspace_id"]),
            "prefect_flow": ResourceSchema(required: ["name"], optional: ["account_id", "tags", "workspace_id"]),
            "prefect_deployment": ResourceSchema(
                required: ["flow_id", "name"],
                optional: [
                    "account_id", "concurrency_limit", "concurrency_options", "description", "enforce_parameter_schema", "entrypoint",
                    "global_concurrency_limit_id", "job_variables", "parameter_openapi_schema", "parameters", "path", "paused",
                    "pull_steps", "storage_document_id", "tags", "version", "work_pool_name", "work_queue_name", "workspace_id",
                ]),
            "prefect_deployment_schedule": ResourceSchema(
                required: ["deployment_id"],
                optional: [
                    "account_id", "active", "anchor_date", "cron", "day_or", "id", "interval", "max_scheduled_runs", "parameters",
                    "rrule", "slug", "timezone", "workspace_id",
                ]),
        ])

    /// `dagster-io/dagsterplus` 0.1.10: internal/provider/provider.go and
    /// internal/resources/resource_{team,team_deployment_grant,code_location,concurrency_pool}.go.
    static let dagsterplus = ProviderSchema(
        source: "dagster-io/dagsterplus", version: "0.1.10",
        providerArguments: ["organization"],
        resources: [
            "dagsterplus_team": ResourceSchema(
                required: ["name", "deployment_grant.deployment", "branch_deployments_grant.parent_deployment", "member.user_id"],
                optional: [
                    "organization_grant", "organization_grant.grant", "organization_grant.custom_role_id",
                    "all_branch_deployments_grant", "all_branch_deployments_grant.grant", "all_branch_deployments_grant.custom_role_id",
                    "deployment_grant", "deployment_grant.grant", "deployment_grant.custom_role_id",
                    "branch_deployments_grant", "branch_deployments_grant.grant", "branch_deployments_grant.custom_role_id",
                    "member",
                ]),
            "dagsterplus_team_deployment_grant": ResourceSchema(
                required: ["deployment", "team_id", "location_grants.location_name"],
                optional: ["custom_role_id", "grant", "location_grants", "location_grants.custom_role_id", "location_grants.grant"]),
            "dagsterplus_code_location": ResourceSchema(
                required: ["deployment", "name"],
                optional: [
                    "agent_queue", "attribute", "code_source", "code_source.module_name", "code_source.package_name",
                    "code_source.python_file", "container_context", "executable_path", "git", "git.commit_hash", "git.url", "image",
                    "working_directory",
                ]),
            "dagsterplus_concurrency_pool": ResourceSchema(required: ["deployment", "limit", "name"], optional: []),
        ])

    static let providers: [ProviderSchema] = [prefect, dagsterplus]

    /// The pinned schema of `type`, or nil when it is not a pinned unchecked type.
    static func schema(of type: String) -> ResourceSchema? {
        for provider in providers { if let schema = provider.resources[type] { return schema } }
        return nil
    }

    /// The attribute paths `arguments` sets: top-level names, and `block.name` inside nested blocks
    /// (written as an object or a list of objects). Values of attributes that are not blocks
    /// (strings, lists of strings, `jsonencode(…)`) are not entered.
    static func paths(of arguments: Members, blocks: Set<String>) -> Set<String> {
        var out: Set<String> = []
        for (key, value) in arguments {
            out.insert(key)
            guard blocks.contains(key) else { continue }
            var objects: [Members] = []
            switch value {
            case .object(let members): objects = [members]
            case .list(let items): for case .object(let members) in items { objects.append(members) }
            default: break
            }
            for members in objects { for name in members.keys { out.insert("\(key).\(name)") } }
        }
        return out
    }

    /// What is wrong with writing `arguments` as a `type` block: an unpinned type, attributes the
    /// provider does not declare, required ones missing. Empty when it is fine.
    static func problems(type: String, arguments: Members) -> [String] {
        guard let schema = schema(of: type) else {
            return ["\(type) is not a resource type with a pinned schema (UncheckedSchemas)"]
        }
        let blocks = Set(schema.all.compactMap { path in path.split(separator: ".").count == 2 ? String(path.split(separator: ".")[0]) : nil })
        let written = paths(of: arguments, blocks: blocks)
        var out: [String] = []
        for path in written.subtracting(schema.all).sorted() {
            out.append("\(type) has no attribute '\(path)' in the pinned provider schema")
        }
        for path in schema.required.sorted() where !written.contains(path) {
            let parts = path.split(separator: ".")
            if parts.count == 2, !written.contains(String(parts[0])) { continue }
            out.append("\(type) needs attribute '\(path)'")
        }
        return out
    }
}
