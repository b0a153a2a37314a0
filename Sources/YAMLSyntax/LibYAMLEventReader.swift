internal import CYAML
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs libyaml over a file on a thread of its own and sends its events, copied into batches,
/// down a pipe. libyaml's failures become the ending batch's diagnostic.
enum LibYAMLEventReader {
    static let batchSize = 4096

    /// Starts reading `source` into `pipe` in the background.
    static func start(_ source: SourceText, into pipe: YAMLEventPipe) {
        DispatchQueue.global(qos: .userInitiated).async { read(source, into: pipe) }
    }

    static func read(_ source: SourceText, into pipe: YAMLEventPipe) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            pipe.put(YAMLEventBatch(ending: .failed(.error("yaml.internal", "libyaml could not allocate a parser"))))
            return
        }
        defer { yaml_parser_delete(&parser) }
        // libyaml asserts a non-null input pointer, even for an empty file.
        let bytes = source.bytes.isEmpty ? [0] : source.bytes
        bytes.withUnsafeBufferPointer { input in
            yaml_parser_set_input_string(&parser, input.baseAddress!, source.bytes.count)
            var batch = YAMLEventBatch()
            batch.events.reserveCapacity(batchSize)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    batch.ending = .failed(LibYAMLErrorTranslator.diagnostic(for: parser, source: source))
                    break
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT {
                    batch.ending = .finished
                    break
                }
                append(event, to: &batch)
                if batch.events.count >= batchSize {
                    if pipe.isCancelled {
                        batch.ending = .finished
                        break
                    }
                    pipe.put(batch)
                    batch = YAMLEventBatch()
                    batch.events.reserveCapacity(batchSize)
                }
            }
            pipe.put(batch)
        }
    }

    private static func append(_ event: yaml_event_t, to batch: inout YAMLEventBatch) {
        var copy = YAMLEvent(
            kind: .documentStart, style: 0,
            startLine: UInt32(truncatingIfNeeded: event.start_mark.line + 1),
            startColumn: UInt32(truncatingIfNeeded: event.start_mark.column + 1),
            endLine: UInt32(truncatingIfNeeded: event.end_mark.line + 1),
            endColumn: UInt32(truncatingIfNeeded: event.end_mark.column + 1),
            value: .none, anchor: .none, tag: .none)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            copy.kind = .documentStart
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            copy.kind = .scalar
            copy.style = style(scalar.style)
            copy.value = span(scalar.value, length: scalar.length, in: &batch.bytes)
            copy.anchor = span(scalar.anchor, in: &batch.bytes)
            copy.tag = span(scalar.tag, in: &batch.bytes)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            copy.kind = .sequenceStart
            copy.style = start.style == YAML_FLOW_SEQUENCE_STYLE ? 1 : 0
            copy.anchor = span(start.anchor, in: &batch.bytes)
            copy.tag = span(start.tag, in: &batch.bytes)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            copy.kind = .mappingStart
            copy.style = start.style == YAML_FLOW_MAPPING_STYLE ? 1 : 0
            copy.anchor = span(start.anchor, in: &batch.bytes)
            copy.tag = span(start.tag, in: &batch.bytes)
        case YAML_SEQUENCE_END_EVENT:
            copy.kind = .sequenceEnd
        case YAML_MAPPING_END_EVENT:
            copy.kind = .mappingEnd
        case YAML_ALIAS_EVENT:
            copy.kind = .alias
            copy.value = span(event.data.alias.anchor, in: &batch.bytes)
        default:
            return
        }
        batch.events.append(copy)
    }

    private static func span(_ text: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil,
                             in bytes: inout [UInt8]) -> YAMLEvent.Span {
        guard let text else { return .none }
        let count = length ?? strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self))
        let offset = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
        return YAMLEvent.Span(offset: offset, length: UInt32(truncatingIfNeeded: count))
    }

    private static func style(_ style: yaml_scalar_style_t) -> UInt8 {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: YAMLNode.ScalarStyle.singleQuoted.rawValue
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: YAMLNode.ScalarStyle.doubleQuoted.rawValue
        case YAML_LITERAL_SCALAR_STYLE: YAMLNode.ScalarStyle.literal.rawValue
        case YAML_FOLDED_SCALAR_STYLE: YAMLNode.ScalarStyle.folded.rawValue
        default: YAMLNode.ScalarStyle.plain.rawValue
        }
    }
}
