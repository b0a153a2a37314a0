/// The bytes of one input file and the name the user gave it.
///
/// Kept whole so that diagnostics can quote the offending line; the line index is built only when a
/// diagnostic needs it.
public struct SourceText: Sendable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// A location in this file.
    public func location(_ range: SourceRange) -> SourceLocation {
        SourceLocation(file: path, range: range)
    }

    /// Byte offsets where each line starts. A line ends where libyaml (YAML 1.1) ends it: at `\n`,
    /// `\r\n`, a lone `\r`, NEL (U+0085), LS (U+2028) or PS (U+2029), so that libyaml's marks and
    /// this index agree.
    public func lineStarts() -> [Int] {
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let length = lineBreakLength(at: index)
            if length > 0 {
                index += length
                starts.append(index)
            } else {
                index += 1
            }
        }
        return starts
    }

    /// The text of 1-based `line` without its line break, given `lineStarts()`; nil past the end.
    /// A UTF-8 byte order mark at the start of the file is not part of line 1.
    public func lineText(_ line: Int, lineStarts starts: [Int]) -> String? {
        guard line >= 1, line <= starts.count else { return nil }
        var start = starts[line - 1]
        let limit = line < starts.count ? starts[line] : bytes.count
        if start == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = min(3, limit) }
        var end = start
        while end < limit, lineBreakLength(at: end) == 0 { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The 1-based position of a byte offset (libyaml reports invalid encodings by offset). A UTF-8
    /// byte order mark takes no column, as in libyaml's marks.
    public func position(ofByteOffset offset: Int) -> SourcePosition {
        let limit = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < limit {
            let length = lineBreakLength(at: index)
            if length > 0, index + length <= limit {
                line += 1
                column = 1
                index += length
            } else {
                if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
        }
        return SourcePosition(line: line, column: column)
    }

    /// The length in bytes of the line break starting at `index`, or 0 if none starts there.
    private func lineBreakLength(at index: Int) -> Int {
        switch bytes[index] {
        case 0x0A:
            return 1
        case 0x0D:
            return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2:
            return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default:
            return 0
        }
    }
}
