import ArgumentParser

/// `--format`: how a report is written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}
