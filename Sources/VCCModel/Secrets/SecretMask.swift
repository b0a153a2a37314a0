public import YAMLSyntax

/// What of one file may be a credential, and that text masked: the ranges the decoders found
/// (a literal token, a password in a URL, the value of an unknown key) and whatever the line rule
/// (`CredentialLineScan`) finds, which needs no document tree and so also covers the lines a
/// syntax error quotes. Every quoted line goes through `line(_:)`, and every message through
/// `scrub(_:)`: together they are the one place secrets are kept out of output.
public struct SecretMask: Sendable {
    /// What a secret is replaced with inside a message.
    public static let placeholder = "*****"

    public let source: SourceText
    private let ranges: [SourceRange]
    private var lineStarts: [Int]?
    /// Per line, whether it lies in a block a credential key opened, and its parent line.
    private var insideSecretBlock: [Int: Bool] = [:]
    private var parents: [Int: Int] = [:]

    public init(source: SourceText, ranges: [SourceRange]) {
        self.source = source
        self.ranges = ranges
    }

    /// The text of a line with every secret character replaced by `*` (blanks kept, so the
    /// layout and the caret columns stay); nil past the end of the file.
    public mutating func line(_ number: Int) -> String? {
        guard let text = rawLine(number) else { return nil }
        let scalars = Array(text.unicodeScalars)
        let secret = secretOffsets(line: number, scalars: scalars)
        guard !secret.isEmpty else { return text }
        var masked = scalars
        for range in secret {
            for index in range where masked[index] != " " && masked[index] != "\t" { masked[index] = "*" }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: masked)
        return String(view)
    }

    /// `diagnostic` with any secret text of the lines it points at removed from its message and
    /// notes: a message built from the file (a duplicate key, an unknown key) cannot repeat it.
    public mutating func scrub(_ diagnostic: Diagnostic) -> Diagnostic {
        var lines = Set<Int>()
        for location in [diagnostic.location] + diagnostic.notes.map(\.location) {
            guard let location, location.file == source.path else { continue }
            let range = location.range
            for line in range.start.line...max(range.start.line, min(range.end.line, range.start.line + 8)) {
                lines.insert(line)
            }
        }
        var words: [String] = []
        for line in lines.sorted() { words += secretWords(line: line) }
        guard !words.isEmpty else { return diagnostic }
        // Longest first, so that a word inside a longer one cannot leave the rest behind.
        words.sort { $0.utf8.count > $1.utf8.count }
        var scrubbed = diagnostic
        scrubbed.message = Self.replacing(words, in: scrubbed.message)
        for index in scrubbed.notes.indices {
            scrubbed.notes[index].message = Self.replacing(words, in: scrubbed.notes[index].message)
        }
        return scrubbed
    }

    /// Every diagnostic scrubbed against the file it points into (`sources` by path).
    public static func scrub(_ diagnostics: [Diagnostic], sources: [SourceText],
                             ranges: [String: [SourceRange]]) -> [Diagnostic] {
        guard !diagnostics.isEmpty else { return diagnostics }
        var masks: [String: SecretMask] = [:]
        for source in sources { masks[source.path] = SecretMask(source: source, ranges: ranges[source.path] ?? []) }
        return diagnostics.map { diagnostic in
            var result = diagnostic
            let files = Set(([diagnostic.location] + diagnostic.notes.map(\.location)).compactMap { $0?.file })
            for file in files.sorted() { if let scrubbed = masks[file]?.scrub(result) { result = scrubbed } }
            return result
        }
    }

    // MARK: Lines

    private mutating func rawLine(_ number: Int) -> String? {
        if lineStarts == nil { lineStarts = source.lineStarts() }
        return source.lineText(number, lineStarts: lineStarts!)
    }

    private mutating func secretOffsets(line number: Int, scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var offsets: [Range<Int>] = []
        for range in ranges where range.start.line <= number && number <= range.end.line {
            let from = range.start.line == number ? max(range.start.column - 1, 0) : 0
            let to = range.end.line == number ? min(range.end.column - 1, scalars.count) : scalars.count
            if from < to { offsets.append(from..<to) }
        }
        let scan = CredentialLineScan(scalars, insideSecretBlock: isInsideSecretBlock(number))
        return offsets + scan.masked.map { $0.clamped(to: 0..<scalars.count) }.filter { !$0.isEmpty }
    }

    /// The secret characters of a line as words (split at blanks and YAML's punctuation), each
    /// long enough that replacing it in a message cannot garble ordinary words.
    private mutating func secretWords(line number: Int) -> [String] {
        guard let text = rawLine(number) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var words: [String] = []
        for range in secretOffsets(line: number, scalars: scalars) {
            var current = String.UnicodeScalarView()
            for scalar in scalars[range] + [" "] {
                if Self.separators.contains(scalar) {
                    if current.count >= 4 { words.append(String(current)) }
                    current = String.UnicodeScalarView()
                } else {
                    current.append(scalar)
                }
            }
        }
        return words
    }

    /// Whether a line a credential key encloses, by indentation: its parent (the nearest line
    /// above indented less) opens a secret block, or is itself inside one. Only the ancestors of
    /// the line are scanned, and parents are remembered: a finding at the end of a 50 MB file
    /// reads the indentation of the lines above it, not their text.
    private mutating func isInsideSecretBlock(_ number: Int) -> Bool {
        if let known = insideSecretBlock[number] { return known }
        guard let indent = indentation(number, skippingComments: false), indent > 0,
              let parent = parent(of: number, indent: indent) else { return false }
        let inside = opensSecretBlock(parent) || isInsideSecretBlock(parent)
        insideSecretBlock[number] = inside
        return inside
    }

    private mutating func parent(of number: Int, indent: Int) -> Int? {
        var line = number - 1
        while line >= 1 {
            guard let other = indentation(line, skippingComments: true) else {
                line -= 1
                continue
            }
            if other < indent {
                parents[number] = line
                return line
            }
            // Every line between a line and its parent is indented at least as far as it.
            line = parents[line].map { $0 } ?? line - 1
        }
        return nil
    }

    private mutating func opensSecretBlock(_ number: Int) -> Bool {
        guard let text = rawLine(number) else { return false }
        return CredentialLineScan(Array(text.unicodeScalars), insideSecretBlock: false).opensSecretBlock
    }

    /// Leading blanks of a line, read from the bytes; nil for a blank line (and a comment line
    /// when `skippingComments`), which neither opens nor closes a block.
    private mutating func indentation(_ number: Int, skippingComments: Bool) -> Int? {
        if lineStarts == nil { lineStarts = source.lineStarts() }
        let starts = lineStarts!
        guard number >= 1, number <= starts.count else { return nil }
        let bytes = source.bytes
        var index = starts[number - 1]
        if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let start = index
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D else { return nil }
        if skippingComments, bytes[index] == UInt8(ascii: "#") { return nil }
        return index - start
    }

    /// Blanks and YAML's indicators: an alias `*X` or tag `!X` is reported by the name `X`.
    private static let separators = Set(" \t{}[],:\"'#*&!|>%@`".unicodeScalars)

    private static func replacing(_ words: [String], in text: String) -> String {
        var result = text
        for word in words where result.contains(word) {
            result = result.replacing(word, with: placeholder)
        }
        return result
    }
}
