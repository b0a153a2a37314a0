/// One composed YAML document, stored flat for speed: a node is an index into `records`; the
/// children of a collection are a contiguous run of `children`; scalar text is a run of `arena`.
///
/// A configuration of a million locations is some four million nodes. Keeping them in three arrays
/// instead of a tree of objects keeps composition close to libyaml's own speed, and aliases cost
/// nothing: an alias is the index of the node it names.
public final class YAMLDocument: Sendable {
    @usableFromInline
    struct NodeRecord: Sendable {
        @usableFromInline var kind: YAMLNode.Kind
        @usableFromInline var style: UInt8
        /// Scalar: offset in `arena`. Collection: offset in `children`.
        @usableFromInline var first: UInt32
        /// Scalar: byte count. Sequence: element count. Mapping: pair count (twice as many children).
        @usableFromInline var count: UInt32
        @usableFromInline var startLine: UInt32
        @usableFromInline var startColumn: UInt32
        @usableFromInline var endLine: UInt32
        @usableFromInline var endColumn: UInt32
    }

    /// The file the document came from, for locations.
    public let path: String
    public let fileID: SourceFileID
    @usableFromInline let records: [NodeRecord]
    @usableFromInline let children: [UInt32]
    @usableFromInline let arena: [UInt8]
    @usableFromInline let tags: [UInt32: String]
    let rootIndex: UInt32?

    init(
        path: String, records: [NodeRecord], children: [UInt32], arena: [UInt8],
        tags: [UInt32: String], rootIndex: UInt32?
    ) {
        self.path = path
        self.fileID = SourceFileID(path: path)
        self.records = records
        self.children = children
        self.arena = arena
        self.tags = tags
        self.rootIndex = rootIndex
    }

    /// The root node; nil for a stream without a document (an empty file or only comments).
    public var root: YAMLNode? {
        rootIndex.map { YAMLNode(document: self, index: $0) }
    }

    /// How many distinct nodes the document holds (aliases not counted again).
    public var nodeCount: Int { records.count }
}
