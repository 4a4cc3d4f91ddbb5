/// The provider schemas compiled into Paved: the types in ``BundledSchemaTypes`` and the provider
/// configuration blocks of aws, google, snowflake, databricks and vault, trimmed from
/// `terraform providers schema -json` output.
///
/// They are embedded as Swift string literals (not a resource bundle), so a `paved` binary works
/// wherever it is copied. Its providers are marked partial (``ProviderSchema/isPartial``): the
/// validator does not call a type unknown just because it was trimmed away.
///
///     let schemas = try ProviderSchemas.bundled()
public enum BundledSchemas {
    /// The parsed bundle, decoded once.
    private static let cached: Result<ProviderSchemas, SchemaLoadError> = {
        var result = ProviderSchemas()
        for document in documents {
            do throws(SchemaLoadError) {
                let decoded = try ProviderSchemas.decode(Array(document.text.utf8), file: "<bundled>/\(document.name)")
                for source in decoded.sources {
                    if let provider = decoded.providers[source] { result.insert(provider) }
                }
            } catch {
                return .failure(error)
            }
        }
        result.setPartial(true)
        return .success(result)
    }()

    /// The bundled schemas.
    ///
    /// - Throws: ``SchemaLoadError`` only if the generated bundle is corrupt (a test guards it).
    public static func load() throws(SchemaLoadError) -> ProviderSchemas {
        try cached.get()
    }

    /// The selection the bundle was trimmed to, parsed from ``BundledSchemaTypes``.
    public static func selection() throws(SchemaLoadError) -> [SchemaSelection] {
        try SchemaSelection.parseList(BundledSchemaTypes.list, file: "BundledSchemaTypes.swift")
    }

    /// The types list the bundle is made from, as text (one `FILE:KIND:TYPE` per line).
    public static var typesList: String { BundledSchemaTypes.list }

    /// The bundled documents' text by file name, as generated.
    public static var documentTexts: [(name: String, text: String)] { documents }
}

extension ProviderSchemas {
    /// The schemas bundled with Paved (see ``BundledSchemas``).
    public static func bundled() throws(SchemaLoadError) -> ProviderSchemas {
        try BundledSchemas.load()
    }
}
