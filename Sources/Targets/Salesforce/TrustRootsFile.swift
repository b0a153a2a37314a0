#if canImport(Glibc)
import Glibc
#endif

/// Reads a CA file named in the connection settings: a regular file of at most 1 MiB, opened
/// without blocking, so that a FIFO or a device in its place is refused instead of hanging or
/// filling memory (connection files may come from pull requests).
enum TrustRootsFile {
    static let maxBytes = 1 << 20

    static func read(_ path: String) throws(SalesforceError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SalesforceError.trustRootsUnreadable(path: path, detail: "cannot open it") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw SalesforceError.trustRootsUnreadable(path: path, detail: "not a regular file")
        }
        guard info.st_size <= maxBytes else {
            throw SalesforceError.trustRootsUnreadable(path: path, detail: "larger than 1 MiB")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            guard count > 0 else { break }
            done += count
        }
        return Array(bytes.prefix(done))
    }
}
