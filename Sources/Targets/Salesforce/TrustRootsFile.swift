import FileSafety

/// Reads a CA file named in the connection settings through FileSafety: a regular file of at most
/// 1 MiB, opened without blocking, so that a FIFO or a device in its place is refused instead of
/// hanging or filling memory (connection files may come from pull requests).
enum TrustRootsFile {
    static let maxBytes = ReadLimit.trustRoots.maxBytes

    static func read(_ path: String) throws(SalesforceError) -> [UInt8] {
        do {
            return try FileReader.read(path, limit: .trustRoots)
        } catch {
            throw SalesforceError.trustRootsUnreadable(path: path, detail: error.reason)
        }
    }
}
