import Testing
import TestSupport
import YAMLSyntax
@testable import VCCModel

/// A configuration loaded from files written to a fresh temporary directory (removed again once
/// read: the loader keeps the bytes it needs).
struct LoadedFiles {
    var configuration: LoadedConfiguration
    /// The full path of each file written, in the order given.
    var paths: [String]
    /// The directory the files were written to (already removed).
    var directory: String

    var diagnostics: [Diagnostic] { configuration.diagnostics }
    var codes: [String] { configuration.diagnostics.map(\.code) }
    var path: String { paths[0] }

    /// The one diagnostic with `code`; fails the test when there is none or more than one.
    func only(_ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let found = diagnostics.filter { $0.code == code }
        try #require(found.count == 1, "expected one \(code), got: \(describe(diagnostics))",
                     sourceLocation: sourceLocation)
        return found[0]
    }

    /// The desired state, required to be there (no errors).
    func state(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DesiredState {
        try #require(configuration.desiredState, "errors: \(describe(diagnostics))", sourceLocation: sourceLocation)
    }
}

/// Writes `files` (name, text) into a temporary directory and loads them in the order given.
func load(_ files: [(name: String, text: String)], loadDirectory: Bool = false) throws -> LoadedFiles {
    let directory = try TemporaryDirectory("vccmodel")
    defer { directory.remove() }
    var paths: [String] = []
    for file in files { paths.append(try directory.write(file.name, file.text)) }
    let configuration = ConfigurationLoader.load(paths: loadDirectory ? [directory.path] : paths)
    return LoadedFiles(configuration: configuration, paths: paths, directory: directory.path)
}

/// Writes one file and loads it.
func load(_ text: String, name: String = "vccctl.yaml") throws -> LoadedFiles {
    try load([(name, text)])
}

/// Loads text carrying `‸` marks; returns the load and the marks' positions.
func load(marked: String, name: String = "vccctl.yaml") throws -> (LoadedFiles, [SourcePosition]) {
    let marked = MarkedText(marked)
    return (try load(marked.text, name: name), marked.positions)
}

/// The location from mark `from` to mark `to` in `file`.
func location(_ file: String, _ marks: [SourcePosition], _ from: Int, _ to: Int) -> YAMLSyntax.SourceLocation {
    YAMLSyntax.SourceLocation(file: file, range: SourceRange(start: marks[from], end: marks[to]))
}

/// `line:column` shorthand.
func at(_ line: Int, _ column: Int) -> SourcePosition {
    SourcePosition(line: line, column: column)
}

func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "\($0.location.map(\.description) ?? "-"): \($0.code): \($0.message)" }
        .joined(separator: "\n")
}

/// The standard header: version and two orgs.
let twoOrgs = """
    version: 1
    orgs:
      prod: {environment: production}
      uat: {environment: sandbox}

    """
