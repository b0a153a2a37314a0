import FileSafety
import YAMLSyntax

/// Finds and reads the files a configuration path names: a file as given, or every `*.yaml` and
/// `*.yml` directly in a directory (hidden files and subdirectories skipped), in name order, as
/// Terraform reads `*.tf`. Every file is read through FileSafety: a FIFO, a device or a file over
/// the limit is an error, never a hang or a memory blow-up. Names are bytes: a `*.yaml` entry
/// whose name is not UTF-8 is an error that shows its bytes, never skipped (a skipped file would
/// turn into destroys in the plan).
enum ConfigurationFiles {
    enum Entry {
        case file(SourceText)
        case failure(Diagnostic)
    }

    static func read(_ paths: [String]) -> [Entry] {
        paths.flatMap { path -> [Entry] in
            if FileReader.resolvedKind(of: path) == .directory {
                return directory(path)
            }
            return [readFile(path)]
        }
    }

    private static func directory(_ path: String) -> [Entry] {
        let entries: [DirectoryListing.Entry]
        do {
            entries = try DirectoryListing.entries(of: path)
        } catch {
            return [.failure(diagnostic(error))]
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var names: [String] = []
        var failures: [Entry] = []
        for entry in entries where entry.name.first != UInt8(ascii: ".") && (entry.hasSuffix(".yaml") || entry.hasSuffix(".yml")) {
            guard let name = entry.text else {
                failures.append(.failure(.error(
                    "io.name-not-utf8", "the file name '\(prefix)\(entry.escaped)' is not valid UTF-8; vccctl cannot read it",
                    notes: [.init("rename the file (file names must be UTF-8), or move it out of the directory")])))
                continue
            }
            // Subdirectories are not read (as Terraform); anything else named *.yaml is, and a
            // FIFO or a device there is reported by the read.
            if FileReader.resolvedKind(of: prefix + name) == .directory { continue }
            names.append(prefix + name)
        }
        if names.isEmpty && failures.isEmpty {
            return [.failure(.error("io.no-files", "directory '\(PathText.escaped(path))' holds no .yaml or .yml files",
                                    notes: [.init("name the configuration files, or the directory that holds them")]))]
        }
        return failures + names.sorted().map { readFile($0) }
    }

    /// Reads a whole file, straight into the byte array the parser reads.
    static func readFile(_ path: String, limit: ReadLimit = .configuration) -> Entry {
        do {
            return .file(SourceText(path: path, bytes: try FileReader.read(path, limit: limit)))
        } catch {
            return .failure(diagnostic(error))
        }
    }

    private static func diagnostic(_ error: FileAccessError) -> Diagnostic {
        switch error.problem {
        case .notRegular(let kind):
            return .error("io.not-a-file", "'\(PathText.escaped(error.path))' is \(kind.phrase), not a regular file",
                          notes: [.init("name a configuration file or a directory of them")])
        case .tooLarge:
            return .error("io.too-large", error.summary, notes: [.init(error.advice)])
        default:
            let hint: String = switch error.problem {
            case .missing: "check the path; vccctl reads the files and directories named on the command line"
            case .permissionDenied: "vccctl needs read permission on the file"
            default: "vccctl could not read this path"
            }
            return .error("io.unreadable", error.summary, notes: [.init(hint)])
        }
    }
}
