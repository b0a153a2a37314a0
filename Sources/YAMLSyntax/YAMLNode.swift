/// A node of a composed YAML document: a cheap handle (document + index).
///
/// Equality is structural (kind, tag, scalar text, children in order) and ignores source positions
/// and scalar style: `a: 1` equals `a: 1` anywhere in any file, and also `a: "1"` and `{a: '1'}`.
/// Where YAML's resolution matters (plain `1` is a number, quoted `"1"` a string; plain `~` is
/// null), compare `scalarStyle` or `isNull` as well.
public struct YAMLNode: Sendable {
    public enum Kind: UInt8, Sendable, Hashable, CustomStringConvertible {
        case scalar, sequence, mapping

        public var description: String {
            switch self {
            case .scalar: "a scalar"
            case .sequence: "a list"
            case .mapping: "a mapping"
            }
        }
    }

    /// How a scalar was written; plain scalars are the ones YAML resolves to null, bool or number.
    public enum ScalarStyle: UInt8, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public let document: YAMLDocument
    @usableFromInline let index: UInt32

    @usableFromInline
    init(document: YAMLDocument, index: UInt32) {
        self.document = document
        self.index = index
    }

    @inlinable var record: YAMLDocument.NodeRecord { document.records[Int(index)] }

    @inlinable public var kind: Kind { record.kind }

    /// The explicit tag, if the node carries one (`!!str`, `!custom`).
    @inlinable public var tag: String? { document.tags[index] }

    @inlinable public var range: SourceRange {
        let r = record
        return SourceRange(
            start: SourcePosition(line: Int(r.startLine), column: Int(r.startColumn)),
            end: SourcePosition(line: Int(r.endLine), column: Int(r.endColumn)))
    }

    public var location: SourceLocation { SourceLocation(file: document.path, range: range) }

    // MARK: Scalars

    @inlinable public var scalarStyle: ScalarStyle? {
        let r = record
        return r.kind == .scalar ? ScalarStyle(rawValue: r.style) : nil
    }

    /// The scalar's text exactly as written (after YAML unescaping); nil for collections.
    @inlinable public var scalar: String? {
        let r = record
        guard r.kind == .scalar else { return nil }
        return document.arena.withUnsafeBufferPointer { arena in
            String(decoding: UnsafeBufferPointer(rebasing: arena[Int(r.first)..<Int(r.first + r.count)]),
                   as: UTF8.self)
        }
    }

    /// Whether this is a scalar whose text is exactly `text`, without building a String.
    @inlinable public func isScalar(_ text: StaticString) -> Bool {
        let r = record
        guard r.kind == .scalar, Int(r.count) == text.utf8CodeUnitCount else { return false }
        return document.arena.withUnsafeBufferPointer { arena in
            text.withUTF8Buffer { expected in
                var i = 0
                let base = Int(r.first)
                while i < expected.count {
                    if arena[base + i] != expected[i] { return false }
                    i += 1
                }
                return true
            }
        }
    }

    /// A plain, untagged `null`, `~` or empty scalar: YAML's null.
    @inlinable public var isNull: Bool {
        let r = record
        guard r.kind == .scalar, r.style == ScalarStyle.plain.rawValue, r.count <= 4 else { return false }
        // The text first, the tag table last: this runs for every scalar a decoder reads.
        let nullText = r.count == 0 || isScalar("~") || isScalar("null") || isScalar("Null") || isScalar("NULL")
        return nullText && tag == nil
    }

    // MARK: Collections

    /// Number of elements (sequence) or pairs (mapping); 0 for a scalar.
    @inlinable public var count: Int {
        let r = record
        return r.kind == .scalar ? 0 : Int(r.count)
    }

    /// The elements of a sequence (empty for other kinds).
    @inlinable public var elements: Elements {
        let r = record
        return r.kind == .sequence
            ? Elements(document: document, first: Int(r.first), count: Int(r.count))
            : Elements(document: document, first: 0, count: 0)
    }

    /// The pairs of a mapping in source order, merge keys already applied (empty for other kinds).
    @inlinable public var pairs: Pairs {
        let r = record
        return r.kind == .mapping
            ? Pairs(document: document, first: Int(r.first), count: Int(r.count))
            : Pairs(document: document, first: 0, count: 0)
    }

    /// The value of the first pair whose key is the scalar `key`.
    public subscript(key: StaticString) -> YAMLNode? {
        pairs.first { $0.key.isScalar(key) }?.value
    }

    public struct Elements: RandomAccessCollection, Sendable {
        @usableFromInline let document: YAMLDocument
        @usableFromInline let first: Int
        public let count: Int
        @usableFromInline
        init(document: YAMLDocument, first: Int, count: Int) {
            self.document = document
            self.first = first
            self.count = count
        }
        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { count }
        @inlinable public subscript(position: Int) -> YAMLNode {
            YAMLNode(document: document, index: document.children[first + position])
        }
    }

    public struct Pair: Sendable {
        public let key: YAMLNode
        public let value: YAMLNode
        @usableFromInline
        init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public struct Pairs: RandomAccessCollection, Sendable {
        @usableFromInline let document: YAMLDocument
        @usableFromInline let first: Int
        public let count: Int
        @usableFromInline
        init(document: YAMLDocument, first: Int, count: Int) {
            self.document = document
            self.first = first
            self.count = count
        }
        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { count }
        @inlinable public subscript(position: Int) -> Pair {
            let base = first + 2 * position
            return Pair(
                key: YAMLNode(document: document, index: document.children[base]),
                value: YAMLNode(document: document, index: document.children[base + 1]))
        }
    }
}

extension YAMLNode: Equatable {
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        if lhs.document === rhs.document, lhs.index == rhs.index { return true }
        guard lhs.kind == rhs.kind, lhs.tag == rhs.tag, lhs.count == rhs.count else { return false }
        switch lhs.kind {
        case .scalar:
            return lhs.scalar == rhs.scalar
        case .sequence:
            return zip(lhs.elements, rhs.elements).allSatisfy { $0 == $1 }
        case .mapping:
            return zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }
    }
}

extension YAMLNode: CustomStringConvertible {
    /// A compact flow-style rendering, for messages and test failures.
    public var description: String {
        switch kind {
        case .scalar: return scalar ?? ""
        case .sequence: return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .mapping: return "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
