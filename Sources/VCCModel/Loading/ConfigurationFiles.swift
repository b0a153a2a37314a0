#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSyntax

/// Finds and reads the files a configuration path names: a file as given, or every `*.yaml` and
/// `*.yml` directly in a directory (hidden files skipped), in name order, as Terraform reads `*.tf`.
enum ConfigurationFiles {
    enum Entry {
        case file(SourceText)
        case failure(Diagnostic)
    }

    static func read(_ paths: [String]) -> [Entry] {
        paths.flatMap { path -> [Entry] in
            var info = stat()
            guard stat(path, &info) == 0 else { return [.failure(ioError(path, errno))] }
            if info.st_mode & S_IFMT == S_IFDIR {
                return directory(path)
            }
            return [readFile(path)]
        }
    }

    private static func directory(_ path: String) -> [Entry] {
        guard let handle = opendir(path) else { return [.failure(ioError(path, errno))] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard !name.hasPrefix("."), name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var info = stat()
            if stat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG { names.append(full) }
        }
        if names.isEmpty {
            return [.failure(.error("io.no-files", "directory '\(path)' holds no .yaml or .yml files",
                                    notes: [.init("name the configuration files, or the directory that holds them")]))]
        }
        return names.sorted().map(readFile)
    }

    /// Reads a whole file with POSIX calls, straight into the byte array the parser reads.
    static func readFile(_ path: String) -> Entry {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(ioError(path, errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ioError(path, errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(.error("io.not-a-file", "'\(path)' is not a regular file"))
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(ioError(path, errno))
            }
            if got == 0 { break }
            filled += got
        }
        if filled < bytes.count { bytes.removeSubrange(filled...) }
        return .file(SourceText(path: path, bytes: bytes))
    }

    private static func ioError(_ path: String, _ code: Int32) -> Diagnostic {
        let reason = String(cString: strerror(code))
        let hint: String
        switch code {
        case ENOENT: hint = "check the path; vccctl reads the files and directories named on the command line"
        case EACCES: hint = "vccctl needs read permission on the file"
        default: hint = "vccctl could not read this path"
        }
        return .error("io.unreadable", "cannot read '\(path)': \(reason)", notes: [.init(hint)])
    }
}
