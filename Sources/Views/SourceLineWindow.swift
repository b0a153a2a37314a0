/// The part of a source line a diagnostic quotes: the whole line when it is short, otherwise a
/// window of `width` columns around the range, its cut ends marked `…`. A syntax error in a
/// 10 MB one-line file then prints a line, not 10 MB (and its notes another line each).
struct SourceLineWindow {
    /// Columns of a quoted line at most, marks included.
    static let width = 120
    /// How much of the window goes before the start of the range.
    static let lead = 40

    /// The text to print.
    let text: [Unicode.Scalar]
    /// Where the range starts within `text`, and how many columns it covers there.
    let start: Int
    let length: Int

    /// `line` cut around `start..<start + length` (scalar offsets, already clamped to the line).
    init(_ line: [Unicode.Scalar], start: Int, length: Int) {
        guard line.count > Self.width else {
            self.text = line
            self.start = start
            self.length = length
            return
        }
        var from = max(0, start - Self.lead)
        let to = min(line.count, from + Self.width - 2)
        from = max(0, min(from, to - (Self.width - 2)))
        var text: [Unicode.Scalar] = []
        if from > 0 { text.append("…") }
        text += line[from..<to]
        if to < line.count { text.append("…") }
        self.text = text
        let shift = from > 0 ? 1 - from : 0
        self.start = start + shift
        self.length = max(1, min(length, to - start))
    }
}
