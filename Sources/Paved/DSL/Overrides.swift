/// A construct that changes some of its settings per environment with `.overriding(in:…)`.
///
/// The synthesizer checks that every override names an environment the platform declares, so a
/// typo (`.overriding(in: "staging", …)` on a platform with `stage`) is an error at the override's
/// line instead of a setting that silently never applies.
public protocol EnvironmentOverriding: Construct {
    /// Where each environment's override was declared.
    var overrideLocations: [EnvironmentName: SourceLocation] { get }
}

extension Snowflake.Warehouse: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension Snowflake.Database: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension BigQueryDataset: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension RedshiftServerless: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension Databricks.SQLWarehouse: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension Databricks.ClusterPolicy: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension EnvironmentOverriding {
    /// Errors for overrides of environments that `declared` does not hold, in environment order.
    public func undeclaredOverrides(_ declared: [EnvironmentName]) -> [Diagnostic] {
        let known = declared.map(\.rawValue).joined(separator: ", ")
        return overrideLocations.keys.sorted().compactMap { environment in
            guard !declared.contains(environment), let location = overrideLocations[environment] else { return nil }
            return .error(
                "\(kind) '\(name)' overrides environment '\(environment)', which the platform does not declare (it has \(known))",
                at: location)
        }
    }
}

extension Prefect.WorkPool: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension Prefect.Flow: EnvironmentOverriding {
    /// The overrides of its deployments (the first line for each environment).
    public var overrideLocations: [EnvironmentName: SourceLocation] {
        var out: [EnvironmentName: SourceLocation] = [:]
        for deployment in deployments {
            for (environment, o) in deployment.overrides where out[environment] == nil { out[environment] = o.location }
        }
        return out
    }
}

extension Dagster.CodeLocation: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { imageOverrides.mapValues(\.location) }
}

extension Dagster.ConcurrencyPool: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { limitOverrides.mapValues(\.location) }
}

extension Airflow: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension GCSBucket: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension GCPLogBucket: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}

extension Vault.KVEngine: EnvironmentOverriding {
    public var overrideLocations: [EnvironmentName: SourceLocation] { overrides.mapValues(\.location) }
}
