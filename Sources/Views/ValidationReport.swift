public import YAMLSyntax

/// What `vccctl validate` reports: the findings and, when valid, what the configuration holds.
public struct ValidationReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var files: [String]
    public var orgCount: Int
    public var accountCount: Int
    public var locationCount: Int

    public init(diagnostics: [Diagnostic], files: [String], orgCount: Int, accountCount: Int, locationCount: Int) {
        self.diagnostics = diagnostics
        self.files = files
        self.orgCount = orgCount
        self.accountCount = accountCount
        self.locationCount = locationCount
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var isValid: Bool { errorCount == 0 }
}
