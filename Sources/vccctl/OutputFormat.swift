#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Views

/// `--format`: how a report is written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}

extension OutputFormat {
    /// The closing summary of an apply; nil for JSON, whose one document carries it.
    var applyFormat: ApplyProgress.ApplyFormat? {
        switch self {
        case .text: .text
        case .json: nil
        case .markdown: .markdown
        }
    }

    /// Where lines printed while work goes on belong: stdout holds only the document in JSON.
    var progressOutput: Int32 {
        self == .json ? STDERR_FILENO : STDOUT_FILENO
    }
}
