import ArgumentParser
import Views

/// `--format`: how a report is written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}

extension OutputFormat {
    var applyFormat: ApplyProgress.ApplyFormat {
        switch self {
        case .text: .text
        case .json: .json
        case .markdown: .markdown
        }
    }
}
