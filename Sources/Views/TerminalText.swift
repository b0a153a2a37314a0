/// Text from outside (a command-line argument, a server's message, a key set in the org, a YAML
/// string) made safe for a terminal: control characters, which could move the cursor, retitle the
/// window, clear the screen or reorder what is shown, are written escaped (`\u{1b}`) instead.
public enum TerminalText {
    /// `text` with every unsafe character escaped, line breaks and tabs included: for one value
    /// quoted inside a line.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) || scalar == "\n" || scalar == "\t" {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Human output (text, Markdown) as it is written: every unsafe character escaped except line
    /// feeds and tabs, which lay the output out. With `keepingStyles`, the SGR sequences of
    /// `TerminalStyle` (and only those) are kept, so colour still works on a terminal; output that
    /// is not coloured keeps no escape sequence at all.
    public static func forOutput(_ text: String, keepingStyles: Bool) -> String {
        // The common case, printable ASCII and layout, costs one pass over the bytes.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", keepingStyles, let sequence = TerminalStyle.sequence(in: scalars, at: index) {
                out.append(contentsOf: scalars[index..<index + sequence])
                index += sequence
                continue
            }
            if isUnsafe(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// Control characters (C0 but line feed and tab, DEL, C1), invisible format characters
    /// below U+2000, the bidirectional controls that reorder a line ("Trojan Source"), and the
    /// Unicode line and paragraph separators.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x0A && value != 0x09 }
        if value < 0x7F { return false }
        if value <= 0x9F { return true }
        switch value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x061C: return true
        default: break
        }
        return value < 0x2000 && scalar.properties.generalCategory == .format
    }
}
