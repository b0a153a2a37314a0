/// One libyaml event, copied out of libyaml so that it can cross to the composing thread: kind,
/// style, 1-based positions, and spans of its text in its batch's byte buffer.
struct YAMLEvent: Sendable {
    enum Kind: UInt8, Sendable {
        case documentStart, scalar, sequenceStart, mappingStart, sequenceEnd, mappingEnd, alias
    }

    /// A run of the batch's bytes; `length == .max` when absent (no anchor, no tag).
    struct Span: Sendable {
        var offset: UInt32
        var length: UInt32
        static let none = Span(offset: 0, length: .max)
        var exists: Bool { length != .max }
    }

    var kind: Kind
    /// Scalars: a `YAMLNode.ScalarStyle`. Collections: 1 for flow style.
    var style: UInt8
    var startLine: UInt32
    var startColumn: UInt32
    var endLine: UInt32
    var endColumn: UInt32
    /// A scalar's text, or the anchor an alias names.
    var value: Span
    var anchor: Span
    var tag: Span
}

/// A run of events and the bytes their spans point into; the last batch of a stream says how the
/// stream ended.
struct YAMLEventBatch: Sendable {
    enum Ending: Sendable {
        case finished
        case failed(Diagnostic)
    }

    var events: [YAMLEvent] = []
    var bytes: [UInt8] = []
    var ending: Ending?
}
