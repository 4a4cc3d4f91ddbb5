/// Validates Terraform JSON configuration (`*.tf.json`) against provider schemas.
///
/// All documents passed together form one module, as the `*.tf.json` files of one directory do
/// in Terraform: references resolve across them, and `required_providers` may sit in any of them.
///
///     let validator = SchemaValidator(schemas: try .bundled())
///     let doc = try JSONDocument.load(contentsOfFile: "out/dev/main.tf.json")
///     for d in validator.validate(module: [doc]) { print(d) }
///     // out/dev/main.tf.json:42: error: unknown attribute or block "bukcet" in aws_s3_bucket.raw; did you mean "bucket"? (at /resource/aws_s3_bucket/raw/bukcet)
///     // Acme/Platform.swift:12: note: aws_s3_bucket.raw was synthesized from construct acme-data/raw-events
///
/// What it reports, each with the file, line and JSON pointer of the offending value:
/// - unknown resource and data source types, with the closest known type;
/// - unknown attributes and blocks at any depth, attributes that only the provider computes;
/// - missing required attributes and blocks, too few or too many blocks;
/// - literal values whose type contradicts the schema (Terraform's own conversions, such as
///   `"true"` for a bool or `5` for a string, are accepted);
/// - references (`${aws_s3_bucket.raw.arn}`, `data.TYPE.NAME.ATTR`, `depends_on`) to resources not
///   declared in the module, or to attributes their type does not have;
/// - providers missing from `terraform.required_providers`, or declared there with a source whose
///   schema does not have the type.
///
/// A finding inside a resource that carries Paved's provenance comment
/// (`"//": {"construct": …, "source": "File.swift:12"}`) is followed by a note at that Swift line.
/// Resources of providers with no loaded schema are not checked; one note says so.
///
/// Diagnostics are sorted by file, line and pointer, so output is deterministic. Validation is
/// linear in the size of the documents; positions are looked up only for findings.
public struct SchemaValidator: Sendable {
    public var schemas: ProviderSchemas

    public init(schemas: ProviderSchemas) {
        self.schemas = schemas
    }

    /// Validates the documents of one module (pass them in file-name order).
    ///
    /// - Returns: errors, each followed by its notes; notes that stand alone; nothing when clean.
    public func validate(module documents: [JSONDocument]) -> [Diagnostic] {
        findings(module: documents).flatMap { [$0.diagnostic] + $0.notes }
    }

    /// Validates the documents of one module, keeping each finding's notes with it.
    public func findings(module documents: [JSONDocument]) -> [ValidationFinding] {
        let run = ModuleValidation(schemas: schemas, documents: documents)
        run.run()
        return run.results()
    }

    /// Validates one document as a module of its own.
    public func validate(_ document: JSONDocument) -> [Diagnostic] {
        validate(module: [document])
    }

    /// Validates a configuration Paved rendered in memory, as it would be written to `file`.
    ///
    /// The value is written with ``JSONWriter`` (as the renderer writes it) and parsed back, so the
    /// lines in the diagnostics are those of the file on disk.
    public func validate(rendered json: JSON, file: String = "main.tf.json") -> [Diagnostic] {
        validate(text: JSONWriter().bytes(json), file: file)
    }

    /// Validates a configuration Paved rendered: `json` is `TerraformRenderer().json(c)` and
    /// `bytes` its text as written to `file` (the renderer writes exactly that tree).
    ///
    /// The tree is checked as it is, with no parsing; only when that finds something is the text
    /// parsed (with positions) and validated, so the diagnostics carry the file's lines.
    public func validate(rendered json: JSON, text bytes: [UInt8], file: String) -> [Diagnostic] {
        let run = ModuleValidation(schemas: schemas, documents: [JSONDocument(file: file, root: json, index: .none)])
        run.run()
        if run.findings.isEmpty { return [] }
        return validate(text: bytes, file: file)
    }

    /// Parses and validates `bytes` as one module; malformed JSON is a single error diagnostic.
    ///
    /// Positions are only needed to report findings, so the text is first parsed without them;
    /// only when that finds something (or the text is malformed) is it parsed again with positions,
    /// and the diagnostics are those of that second run.
    public func validate(text bytes: [UInt8], file: String) -> [Diagnostic] {
        if let root = try? JSONParser().parse(bytes, file: file) {
            let run = ModuleValidation(schemas: schemas, documents: [JSONDocument(file: file, root: root, index: .none)])
            run.run()
            if run.results().isEmpty { return [] }
        }
        do {
            return validate(module: [try JSONDocument(parsing: bytes, file: file)])
        } catch {
            return [error.diagnostic]
        }
    }
}

/// One finding of the validator: an error (or a standalone note), with the notes that explain it
/// (the Swift line of the construct that synthesized the resource).
public struct ValidationFinding: Sendable, Equatable {
    public var diagnostic: Diagnostic
    public var notes: [Diagnostic]

    public init(diagnostic: Diagnostic, notes: [Diagnostic] = []) {
        self.diagnostic = diagnostic
        self.notes = notes
    }
}

/// The meta-arguments Terraform accepts in resource and data blocks, besides the schema's own.
enum MetaArguments {
    static let resource: Set<String> = [
        "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection",
    ]
    static let dataSource: Set<String> = ["count", "for_each", "depends_on", "provider", "lifecycle"]
    static let lifecycle: Set<String> = [
        "create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by",
        "precondition", "postcondition",
    ]
    /// Keys of a provider configuration block that are not the provider's arguments.
    static let provider: Set<String> = ["alias", "version"]
    /// Top-level keys of Terraform's JSON configuration syntax.
    static let topLevel: [String] = [
        "check", "data", "ephemeral", "import", "locals", "module", "moved", "output", "provider",
        "removed", "resource", "terraform", "variable",
    ]
    /// The first names of traversals that never name a managed resource.
    static let reservedRoots: Set<String> = [
        "var", "local", "module", "data", "path", "terraform", "count", "each", "self", "ephemeral",
    ]
}
