/// Text inside one cell of a Markdown table.
enum MarkdownCell {
    /// Keeps the text inside its table cell: no pipes, no line breaks (CR, LF or both), and no
    /// HTML (a key such as `<!--` would hide the rest of the comment).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
