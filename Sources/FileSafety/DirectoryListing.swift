#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names in a directory, as the bytes the file system holds (`readdir`): a name that is not
/// UTF-8 is listed like any other, for the caller to refuse by name, never skipped or rewritten.
public enum DirectoryListing {
    public struct Entry: Sendable, Equatable {
        /// The name's bytes, without a NUL.
        public var name: [UInt8]
        /// The name as text; nil when it is not valid UTF-8.
        public var text: String? { PathText.decode(name) }
        /// The entry's bytes shown with `\xNN` escapes.
        public var escaped: String { PathText.escaped(name) }

        public func hasSuffix(_ suffix: String) -> Bool {
            name.count >= suffix.utf8.count && name.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
        }
    }

    /// Every entry but `.` and `..`, in no particular order.
    public static func entries(of path: String) throws(FileAccessError) -> [Entry] {
        guard !path.utf8.contains(0) else { throw FileAccessError(path: path, action: .read, problem: .invalidPath) }
        guard let handle = opendir(path) else { throw FileAccessError(path: path, action: .read, call: "opendir", code: errno) }
        defer { closedir(handle) }
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 { throw FileAccessError(path: path, action: .read, call: "readdir", code: errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries.append(Entry(name: name))
        }
        return entries
    }
}
