import Synchronization

/// A small handle for a file path, so that the millions of source origins a large configuration
/// holds are plain integers: no reference counting, no per-origin copy of the path.
public struct SourceFileID: Sendable, Hashable {
    public let rawValue: UInt32

    /// The id of `path`, registering it on first use.
    public init(path: String) {
        rawValue = SourceFileID.registry.withLock { registry in
            if let known = registry.ids[path] { return known }
            let id = UInt32(registry.paths.count)
            registry.paths.append(path)
            registry.ids[path] = id
            return id
        }
    }

    public var path: String {
        SourceFileID.registry.withLock { $0.paths[Int(rawValue)] }
    }

    private struct Registry {
        var paths: [String] = []
        var ids: [String: UInt32] = [:]
    }

    private static let registry = Mutex(Registry())
}
