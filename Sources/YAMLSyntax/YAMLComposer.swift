/// Turns libyaml's event stream into a flat `YAMLDocument`, enforcing one document per file,
/// unique keys, resolved aliases and merge keys, and the limits.
struct YAMLComposer {
    private struct Frame {
        var index: UInt32
        var pendingStart: Int
        /// Nodes this collection expands to, aliases counted in full.
        var expandedSize: Int
        /// Levels of collections this one spans, itself included, aliases counted in full.
        var height: Int
        var anchor: String?
    }

    private struct Anchor {
        var index: UInt32
        var expandedSize: Int
        /// Levels of collections the node spans (0 for a scalar).
        var height: Int
    }

    /// A fatal error: composition stops.
    private struct Failure: Error {
        var diagnostic: Diagnostic
    }

    private let source: SourceText
    private let limits: YAMLLimits
    private var records: [YAMLDocument.NodeRecord] = []
    private var children: [UInt32] = []
    private var arena: [UInt8] = []
    private var tags: [UInt32: String] = [:]
    private var pending: [UInt32] = []
    private var frames: [Frame] = []
    private var anchors: [String: Anchor] = [:]
    private var root: UInt32?
    private var documents = 0
    private var expandedNodes = 0
    private var diagnostics: [Diagnostic] = []

    init(source: SourceText, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
        records.reserveCapacity(source.bytes.count / 10)
        children.reserveCapacity(source.bytes.count / 10)
        arena.reserveCapacity(source.bytes.count / 2)
    }

    /// Composes the events arriving through `pipe` (from `LibYAMLEventReader`) into a document.
    mutating func compose(from pipe: YAMLEventPipe) -> YAMLParseResult {
        var failure: Diagnostic?
        while true {
            let batch = pipe.take()
            if failure == nil {
                failure = batch.bytes.withUnsafeBufferPointer { bytes in
                    for event in batch.events {
                        do throws(Failure) {
                            try handle(event, bytes)
                        } catch {
                            return error.diagnostic
                        }
                    }
                    return nil
                }
                // Stop libyaml; keep taking batches until its ending one, so it never blocks.
                if failure != nil { pipe.cancel() }
            }
            guard let ending = batch.ending else { continue }
            if case .failed(let diagnostic) = ending, failure == nil { failure = diagnostic }
            break
        }
        if let failure { return YAMLParseResult(document: nil, diagnostics: diagnostics + [failure]) }
        let document = YAMLDocument(
            path: source.path, records: records, children: children, arena: arena, tags: tags,
            rootIndex: root)
        return YAMLParseResult(document: document, diagnostics: diagnostics)
    }

    private mutating func handle(_ event: YAMLEvent, _ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        switch event.kind {
        case .documentStart:
            documents += 1
            if documents > 1 {
                throw Failure(diagnostic: .error(
                    "yaml.multiple-documents", "a configuration file holds one YAML document; a second one starts here",
                    at: location(event),
                    notes: [.init("remove the '---' line, or move the second document into a file of its own")]))
            }
        case .scalar:
            let offset = UInt32(arena.count)
            let value = event.value
            if value.length > 0 {
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(value.offset)..<Int(value.offset + value.length)]))
            }
            let index = append(.scalar, style: event.style, first: offset, count: value.length, event)
            if event.tag.exists { tags[index] = Self.text(event.tag, bytes) }
            if event.anchor.exists {
                anchors[Self.text(event.anchor, bytes)] = Anchor(index: index, expandedSize: 1, height: 0)
            }
            attach(index, expandedSize: 1, height: 0)
        case .sequenceStart:
            try open(.sequence, event, bytes)
        case .mappingStart:
            try open(.mapping, event, bytes)
        case .sequenceEnd, .mappingEnd:
            try close(event)
        case .alias:
            try alias(event, bytes)
        }
    }

    private static func text(_ span: YAMLEvent.Span, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(span.offset)..<Int(span.offset + span.length)]),
               as: UTF8.self)
    }

    private mutating func open(
        _ kind: YAMLNode.Kind, _ event: YAMLEvent, _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(Failure) {
        if frames.count >= limits.maxDepth {
            throw Failure(diagnostic: .error(
                "yaml.too-deep", "collections nest deeper than \(limits.maxDepth) levels",
                at: location(event),
                notes: [.init("a vccctl configuration needs fewer than ten levels; is this the right file?")]))
        }
        let index = append(kind, style: event.style, first: 0, count: 0, event)
        if event.tag.exists { tags[index] = Self.text(event.tag, bytes) }
        frames.append(Frame(
            index: index, pendingStart: pending.count, expandedSize: 1, height: 1,
            anchor: event.anchor.exists ? Self.text(event.anchor, bytes) : nil))
    }

    private mutating func close(_ event: YAMLEvent) throws(Failure) {
        guard let frame = frames.popLast() else { return }
        let index = Int(frame.index)
        let first = UInt32(children.count)
        if records[index].kind == .mapping {
            try closeMapping(frame)
            records[index].count = (UInt32(children.count) - first) / 2
        } else {
            children.append(contentsOf: pending[frame.pendingStart...])
            records[index].count = UInt32(pending.count - frame.pendingStart)
        }
        pending.removeSubrange(frame.pendingStart...)
        records[index].first = first
        records[index].endLine = event.endLine
        records[index].endColumn = event.endColumn
        if let anchor = frame.anchor {
            anchors[anchor] = Anchor(index: frame.index, expandedSize: frame.expandedSize, height: frame.height)
        }
        attach(frame.index, expandedSize: frame.expandedSize, height: frame.height)
    }

    private mutating func alias(_ event: YAMLEvent, _ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        let name = Self.text(event.value, bytes)
        let here = location(event)
        guard let anchor = anchors[name] else {
            if let open = frames.last(where: { $0.anchor == name }) {
                throw Failure(diagnostic: .error(
                    "yaml.recursive-alias", "alias '*\(name)' refers to a node that contains it",
                    at: here, notes: [.init("anchor '&\(name)' is defined here", at: nodeLocation(open.index))]))
            }
            throw Failure(diagnostic: .error(
                "yaml.undefined-alias", "alias '*\(name)' names no anchor defined before it",
                at: here, notes: [.init("define '&\(name)' on a node above this line, or correct the name")]))
        }
        if frames.count + anchor.height > limits.maxDepth {
            // An alias inserts the whole anchored tree here; consumers recurse over that tree.
            throw Failure(diagnostic: .error(
                "yaml.too-deep", "alias '*\(name)' nests collections deeper than \(limits.maxDepth) levels",
                at: here,
                notes: [.init("anchor '&\(name)' is defined here and spans \(anchor.height) levels",
                              at: nodeLocation(anchor.index))]))
        }
        expandedNodes += anchor.expandedSize
        let budget = max(limits.minimumExpansionBudget, limits.expansionFactor * records.count)
        if expandedNodes > budget {
            throw Failure(diagnostic: .error(
                "yaml.alias-expansion", "aliases expand this document beyond \(budget) nodes",
                at: here,
                notes: [.init("a document that aliases aliases this way (a \"billion laughs\" file) is refused; share fewer, smaller nodes")]))
        }
        attach(anchor.index, expandedSize: anchor.expandedSize, height: anchor.height)
    }

    // MARK: Mappings: duplicate keys and merge keys

    private mutating func closeMapping(_ frame: Frame) throws(Failure) {
        let pairs = pending[frame.pendingStart...]
        if pairs.count <= 32, !hasMergeKey(pairs), !hasDuplicateScalarKeys(pairs) {
            // The common case (small mapping, no merge, no duplicate), without temporary arrays.
            children.append(contentsOf: pairs)
            return
        }
        var merges: [(key: UInt32, value: UInt32)] = []
        var explicit: [(key: UInt32, value: UInt32)] = []
        explicit.reserveCapacity(pairs.count / 2)
        var i = pairs.startIndex
        while i + 1 < pairs.endIndex {
            let key = pairs[i], value = pairs[i + 1]
            if isMergeKey(key) { merges.append((key, value)) } else { explicit.append((key, value)) }
            i += 2
        }
        var seen = KeySet()
        var kept: [(key: UInt32, value: UInt32)] = []
        kept.reserveCapacity(explicit.count)
        for pair in explicit {
            if let first = seen.insert(pair.key, composer: self) {
                diagnostics.append(.error(
                    "yaml.duplicate-key", "duplicate key '\(DiagnosticText.quoted(text(of: pair.key)))' in this mapping",
                    at: nodeLocation(pair.key),
                    notes: [.init("first defined here; a key may appear once per mapping", at: nodeLocation(first))]))
            } else {
                kept.append(pair)
            }
        }
        for merge in merges {
            for source in try mergeSources(merge.value, key: merge.key) {
                let record = records[Int(source)]
                var p = Int(record.first)
                for _ in 0..<Int(record.count) {
                    let key = children[p], value = children[p + 1]
                    if seen.insert(key, composer: self) == nil { kept.append((key, value)) }
                    p += 2
                }
            }
        }
        for pair in kept {
            children.append(pair.key)
            children.append(pair.value)
        }
    }

    // Plain loops, not `contains(where:)`: a closure over `self` would copy the composer (and
    // retain its arrays) once per mapping.
    private func hasMergeKey(_ pairs: ArraySlice<UInt32>) -> Bool {
        var i = pairs.startIndex
        while i < pairs.endIndex {
            if isMergeKey(pairs[i]) { return true }
            i += 2
        }
        return false
    }

    private func hasDuplicateScalarKeys(_ pairs: ArraySlice<UInt32>) -> Bool {
        var i = pairs.startIndex + 2
        while i < pairs.endIndex {
            if records[Int(pairs[i])].kind == .scalar {
                var j = pairs.startIndex
                while j < i {
                    if sameScalar(pairs[j], pairs[i]) { return true }
                    j += 2
                }
            }
            i += 2
        }
        return false
    }

    private func isMergeKey(_ index: UInt32) -> Bool {
        let record = records[Int(index)]
        guard record.kind == .scalar, record.style == YAMLNode.ScalarStyle.plain.rawValue, record.count == 2,
              arena[Int(record.first)] == UInt8(ascii: "<"), arena[Int(record.first) + 1] == UInt8(ascii: "<")
        else { return false }
        let tag = tags[index]
        return tag == nil || tag == "tag:yaml.org,2002:merge"
    }

    /// The mappings a merge key's value names: one mapping, or a list of mappings (earlier wins).
    private func mergeSources(_ value: UInt32, key: UInt32) throws(Failure) -> [UInt32] {
        let record = records[Int(value)]
        switch record.kind {
        case .mapping:
            return [value]
        case .sequence:
            let elements = children[Int(record.first)..<Int(record.first + record.count)]
            for element in elements where records[Int(element)].kind != .mapping {
                throw mergeError(element, key: key)
            }
            return Array(elements)
        case .scalar:
            throw mergeError(value, key: key)
        }
    }

    /// Located at the merge key: the merged node may be an alias of a node defined elsewhere.
    private func mergeError(_ index: UInt32, key: UInt32) -> Failure {
        Failure(diagnostic: .error(
            "yaml.bad-merge", "a merge key '<<' takes a mapping or a list of mappings, not \(records[Int(index)].kind)",
            at: nodeLocation(key),
            notes: [.init("the merged value is \(records[Int(index)].kind)", at: nodeLocation(index)),
                    .init("write '<<: *anchor' where '&anchor' marks a mapping")]))
    }

    /// Scalar keys seen in one mapping. Small mappings compare linearly; large ones hash.
    private struct KeySet {
        var keys: [UInt32] = []
        var hashed: [String: UInt32]? = nil

        /// Inserts a key; returns the earlier equal key if there is one. Non-scalar keys never clash.
        mutating func insert(_ key: UInt32, composer: YAMLComposer) -> UInt32? {
            guard composer.records[Int(key)].kind == .scalar else { return nil }
            if hashed != nil {
                // Mutated in place: a local copy of the table would copy it on every insert.
                let text = composer.text(of: key)
                if let earlier = hashed![text] { return earlier }
                hashed![text] = key
                return nil
            }
            for earlier in keys where composer.sameScalar(earlier, key) { return earlier }
            keys.append(key)
            if keys.count > 16 {
                var table: [String: UInt32] = [:]
                for k in keys { table[composer.text(of: k)] = table[composer.text(of: k)] ?? k }
                hashed = table
            }
            return nil
        }
    }

    private func sameScalar(_ a: UInt32, _ b: UInt32) -> Bool {
        let ra = records[Int(a)], rb = records[Int(b)]
        guard ra.kind == .scalar, rb.kind == .scalar, ra.count == rb.count else { return false }
        return arena.withUnsafeBufferPointer { bytes in
            memcmpBytes(bytes, Int(ra.first), Int(rb.first), Int(ra.count))
        }
    }

    private func text(of index: UInt32) -> String {
        let record = records[Int(index)]
        guard record.kind == .scalar else { return YAMLNode.Kind.mapping == record.kind ? "{…}" : "[…]" }
        return String(decoding: arena[Int(record.first)..<Int(record.first + record.count)], as: UTF8.self)
    }

    // MARK: Records and locations

    private mutating func append(
        _ kind: YAMLNode.Kind, style: UInt8, first: UInt32, count: UInt32, _ event: YAMLEvent
    ) -> UInt32 {
        let index = UInt32(records.count)
        records.append(YAMLDocument.NodeRecord(
            kind: kind, style: style, first: first, count: count,
            startLine: event.startLine, startColumn: event.startColumn,
            endLine: event.endLine, endColumn: event.endColumn))
        expandedNodes += 1
        return index
    }

    private mutating func attach(_ index: UInt32, expandedSize: Int, height: Int) {
        pending.append(index)
        if frames.isEmpty {
            root = index
        } else {
            frames[frames.count - 1].expandedSize &+= expandedSize
            frames[frames.count - 1].height = max(frames[frames.count - 1].height, height + 1)
        }
    }

    private func location(_ event: YAMLEvent) -> SourceLocation {
        source.location(SourceRange(
            start: SourcePosition(line: Int(event.startLine), column: Int(event.startColumn)),
            end: SourcePosition(line: Int(event.endLine), column: Int(event.endColumn))))
    }

    private func nodeLocation(_ index: UInt32) -> SourceLocation {
        let r = records[Int(index)]
        return source.location(SourceRange(
            start: SourcePosition(line: Int(r.startLine), column: Int(r.startColumn)),
            end: SourcePosition(line: Int(r.endLine), column: Int(r.endColumn))))
    }

}

private func memcmpBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
    var i = 0
    while i < count {
        if bytes[a + i] != bytes[b + i] { return false }
        i += 1
    }
    return true
}
