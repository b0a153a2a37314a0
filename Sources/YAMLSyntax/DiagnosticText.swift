/// Bounds on the text of a diagnostic. A hostile file can hold a 10 MB key or scalar; a message
/// that repeats it would turn one finding into megabytes of terminal or CI log. Values quoted in
/// a message are clipped, and every message and note is bounded whatever it embeds.
public enum DiagnosticText {
    /// Most characters of a value quoted inside a message (`unknown key '…'`).
    public static let quotedValueLimit = 64
    /// Most characters of a whole message or note.
    public static let messageLimit = 512

    /// `value` as a message quotes it: at most `quotedValueLimit` characters, clipped with `…`.
    public static func quoted(_ value: String) -> String {
        clipped(value, to: quotedValueLimit)
    }

    /// `text` cut to `limit` Unicode scalars, the cut marked with `…`.
    public static func clipped(_ text: String, to limit: Int) -> String {
        // Counting UTF-8 first: most texts are short, and this avoids walking the scalars.
        guard text.utf8.count > limit else { return text }
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(max(limit - 1, 0)))
        out.append("…")
        return String(out)
    }

    /// A message or note bounded to `messageLimit`.
    static func bounded(_ message: String) -> String {
        clipped(message, to: messageLimit)
    }
}
